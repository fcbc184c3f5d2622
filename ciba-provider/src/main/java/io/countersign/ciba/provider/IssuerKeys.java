package io.countersign.ciba.provider;

import com.nimbusds.jose.jwk.JWKSet;
import io.countersign.ciba.jose.KeyRing;
import io.countersign.ciba.jose.ProviderKey;
import io.countersign.ciba.jose.SigningAlgorithm;
import io.countersign.ciba.store.ApprovalStoreException;
import io.countersign.tenant.secret.SecretBox;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The signing keys of each tenant's issuer, in {@code ciba_signing_key}, private halves sealed with
 * the platform key. A tenant gets its first ES256 key when it first signs; a PS256 key when one is
 * first asked for. Rotation keeps old keys published until the tokens they signed expire.
 */
@ApplicationScoped
public class IssuerKeys {

  @Resource(lookup = "jdbc/countersign")
  DataSource dataSource;

  @Inject SecretBox box;

  @Inject ProviderSettings settings;

  /** The key that signs now with {@code alg}, created on first use. */
  @Transactional
  public ProviderKey signingKey(String tenantId, SigningAlgorithm alg, Instant now) {
    Optional<ProviderKey> active = ring(tenantId).active(alg);
    if (active.isPresent()) {
      return active.get();
    }
    ProviderKey fresh = ProviderKey.generate(alg);
    insert(tenantId, KeyRing.Entry.active(fresh, now));
    return fresh;
  }

  /** What {@code jwks_uri} serves: every key still published at {@code now}. */
  @Transactional
  public JWKSet publicSet(String tenantId, Instant now) {
    KeyRing ring = ring(tenantId);
    if (ring.entries().isEmpty()) {
      signingKey(tenantId, SigningAlgorithm.DEFAULT, now);
      ring = ring(tenantId);
    }
    return ring.publicSet(now);
  }

  /** Replaces the key signing with {@code alg}; returns the new key. */
  @Transactional
  public ProviderKey rotate(String tenantId, SigningAlgorithm alg, Instant now) {
    KeyRing.Rotation rotation =
        ring(tenantId).rotate(alg, ProviderKey.generate(alg), now, settings.longestTokenLifetime());
    for (KeyRing.Entry retired : rotation.retired()) {
      retire(tenantId, retired);
    }
    insert(tenantId, rotation.added());
    return rotation.added().key();
  }

  private KeyRing ring(String tenantId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement select =
            c.prepareStatement(
                "SELECT private_sealed, created_at, retired_at, publish_until"
                    + " FROM ciba_signing_key WHERE tenant_id = ? ORDER BY created_at")) {
      select.setString(1, tenantId);
      List<KeyRing.Entry> entries = new ArrayList<>();
      try (ResultSet r = select.executeQuery()) {
        while (r.next()) {
          entries.add(
              new KeyRing.Entry(
                  ProviderKey.fromPrivateJson(box.open(r.getString(1))),
                  r.getObject(2, OffsetDateTime.class).toInstant(),
                  instant(r, 3),
                  instant(r, 4)));
        }
      }
      return new KeyRing(entries);
    } catch (SQLException e) {
      throw new ApprovalStoreException("reading the signing keys of " + tenantId, e);
    }
  }

  private void insert(String tenantId, KeyRing.Entry entry) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO ciba_signing_key (tenant_id, kid, alg, private_sealed, created_at)"
                    + " VALUES (?, ?, ?, ?, ?)")) {
      insert.setString(1, tenantId);
      insert.setString(2, entry.key().kid());
      insert.setString(3, entry.key().alg().name());
      insert.setString(4, box.seal(entry.key().privateJson()));
      insert.setObject(5, entry.createdAt().atOffset(ZoneOffset.UTC));
      insert.executeUpdate();
    } catch (SQLException e) {
      throw new ApprovalStoreException("storing a signing key of " + tenantId, e);
    }
  }

  private void retire(String tenantId, KeyRing.Entry entry) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement update =
            c.prepareStatement(
                "UPDATE ciba_signing_key SET retired_at = ?, publish_until = ?"
                    + " WHERE tenant_id = ? AND kid = ?")) {
      update.setObject(1, entry.retiredAt().map(i -> i.atOffset(ZoneOffset.UTC)).orElse(null));
      update.setObject(2, entry.publishUntil().map(i -> i.atOffset(ZoneOffset.UTC)).orElse(null));
      update.setString(3, tenantId);
      update.setString(4, entry.key().kid());
      update.executeUpdate();
    } catch (SQLException e) {
      throw new ApprovalStoreException("retiring a signing key of " + tenantId, e);
    }
  }

  private static Optional<Instant> instant(ResultSet r, int column) throws SQLException {
    return Optional.ofNullable(r.getObject(column, OffsetDateTime.class))
        .map(OffsetDateTime::toInstant);
  }
}
