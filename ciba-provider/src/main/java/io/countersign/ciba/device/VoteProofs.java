package io.countersign.ciba.device;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/** The verified device assertions of device-bound votes, in {@code approval_vote_proof}. */
@ApplicationScoped
public class VoteProofs {

  @Resource(lookup = "jdbc/countersign")
  DataSource dataSource;

  /** One vote's proof: which device signed which statement, and the assertion as signed. */
  public record VoteProof(
      UUID id,
      String tenantId,
      UUID approvalId,
      String approver,
      UUID deviceId,
      String statement,
      Passkeys.Assertion assertion,
      Instant verifiedAt) {}

  @Transactional(Transactional.TxType.MANDATORY)
  public void store(VoteProof proof) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO approval_vote_proof (id, tenant_id, approval_id, approver, device_id,"
                    + " credential_id, statement, authenticator_data, client_data_json, signature,"
                    + " verified_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, proof.id().toString());
      insert.setString(2, proof.tenantId());
      insert.setString(3, proof.approvalId().toString());
      insert.setString(4, proof.approver());
      insert.setString(5, proof.deviceId().toString());
      insert.setString(6, proof.assertion().credentialId());
      insert.setString(7, proof.statement());
      insert.setString(8, proof.assertion().authenticatorData());
      insert.setString(9, proof.assertion().clientDataJson());
      insert.setString(10, proof.assertion().signature());
      insert.setObject(11, proof.verifiedAt().atOffset(ZoneOffset.UTC));
      insert.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("approval_vote_proof: " + e.getMessage(), e);
    }
  }

  /** The proofs of one request's votes, oldest first. */
  @Transactional(Transactional.TxType.SUPPORTS)
  public List<VoteProof> of(String tenantId, UUID approvalId) {
    List<VoteProof> proofs = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement select =
            c.prepareStatement(
                "SELECT id, approver, device_id, credential_id, statement, authenticator_data,"
                    + " client_data_json, signature, verified_at FROM approval_vote_proof"
                    + " WHERE tenant_id = ? AND approval_id = ? ORDER BY verified_at")) {
      select.setString(1, tenantId);
      select.setString(2, approvalId.toString());
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          proofs.add(
              new VoteProof(
                  UUID.fromString(rs.getString(1)),
                  tenantId,
                  approvalId,
                  rs.getString(2),
                  UUID.fromString(rs.getString(3)),
                  rs.getString(5),
                  new Passkeys.Assertion(
                      rs.getString(4), rs.getString(6), rs.getString(7), rs.getString(8), 0),
                  rs.getObject(9, OffsetDateTime.class).toInstant()));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("approval_vote_proof: " + e.getMessage(), e);
    }
    return proofs;
  }
}
