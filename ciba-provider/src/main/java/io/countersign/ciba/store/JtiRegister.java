package io.countersign.ciba.store;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * JWT ids already used by a client (signed requests, client assertions), each kept until its JWT
 * expires: a JWT presented a second time is a replay (CIBA Core 1.0, section 7.1.1; RFC 7523,
 * section 3).
 */
@ApplicationScoped
public class JtiRegister {

  @Resource(lookup = "jdbc/countersign")
  DataSource dataSource;

  /**
   * Records the first use of {@code jti}; false when it was already used. A MERGE, not an INSERT
   * that fails, so a replay does not abort the caller's transaction.
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public boolean firstUse(String tenantId, String clientId, String jti, Instant expiresAt) {
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement purge =
          c.prepareStatement("DELETE FROM oauth_jti WHERE tenant_id = ? AND expires_at < ?")) {
        purge.setString(1, tenantId);
        purge.setObject(2, ApprovalStore.utc(Instant.now().minusSeconds(300)));
        purge.executeUpdate();
      }
      try (PreparedStatement merge =
          c.prepareStatement(
              "MERGE INTO oauth_jti t USING (VALUES (CAST(? AS VARCHAR(63)),"
                  + " CAST(? AS VARCHAR(63)), CAST(? AS VARCHAR(255)))) AS n (tenant_id,"
                  + " client_id, jti) ON t.tenant_id = n.tenant_id AND t.client_id = n.client_id"
                  + " AND t.jti = n.jti WHEN NOT MATCHED THEN INSERT (tenant_id, client_id, jti,"
                  + " expires_at) VALUES (n.tenant_id, n.client_id, n.jti, ?)")) {
        merge.setString(1, tenantId);
        merge.setString(2, clientId);
        merge.setString(3, jti);
        merge.setObject(4, ApprovalStore.utc(expiresAt));
        return merge.executeUpdate() == 1;
      }
    } catch (SQLException e) {
      throw new ApprovalStoreException("recording a JWT id", e);
    }
  }
}
