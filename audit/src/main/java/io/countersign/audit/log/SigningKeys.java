package io.countersign.audit.log;

import io.countersign.audit.AuditStoreException;
import io.countersign.verifier.note.Ed25519Keys;
import io.countersign.verifier.note.NoteSigner;
import io.countersign.verifier.note.VerifierKey;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A log's Ed25519 signing keys, named after its origin, private halves sealed at rest. A log gets
 * its first key with its first checkpoint. Rotation adds a key and gives the old ones a retirement
 * time: until then both sign every checkpoint, so auditors can move their pin; retired keys stay
 * published forever, since old checkpoints carry their signatures.
 */
@ApplicationScoped
public class SigningKeys {

  @Resource(lookup = "jdbc/countersign")
  DataSource dataSource;

  @Inject KeySeal seal;

  /** A published key: what auditors pin, and when it stopped (or stops) signing. */
  public record PublishedKey(VerifierKey key, Instant createdAt, Optional<Instant> retiresAt) {}

  /** The keys that sign a checkpoint of {@code origin} now, creating the first one if needed. */
  List<NoteSigner> signers(Connection connection, String tenantId, String origin, Instant now)
      throws SQLException {
    List<NoteSigner> signers = new ArrayList<>();
    try (var select =
        connection.prepareStatement(
            "SELECT private_sealed, public_key FROM audit_signing_key WHERE tenant_id = ?"
                + " AND (retires_at IS NULL OR retires_at > ?) ORDER BY created_at DESC")) {
      select.setString(1, tenantId);
      select.setObject(2, now.atOffset(ZoneOffset.UTC));
      try (var rows = select.executeQuery()) {
        while (rows.next()) {
          KeyPair pair =
              new KeyPair(
                  Ed25519Keys.publicKey(rows.getBytes(2)),
                  privateKey(seal.open(rows.getString(1))));
          signers.add(NoteSigner.ed25519(origin, pair));
        }
      }
    }
    if (signers.isEmpty()) {
      signers.add(create(connection, tenantId, origin, now));
    }
    return signers;
  }

  /** Every key the log has ever signed with, the newest first. */
  @Transactional
  public List<PublishedKey> published(String tenantId) {
    try (var connection = dataSource.getConnection();
        var select =
            connection.prepareStatement(
                "SELECT key_name, public_key, created_at, retires_at FROM audit_signing_key"
                    + " WHERE tenant_id = ? ORDER BY created_at DESC")) {
      select.setString(1, tenantId);
      List<PublishedKey> keys = new ArrayList<>();
      try (var rows = select.executeQuery()) {
        while (rows.next()) {
          OffsetDateTime retires = rows.getObject(4, OffsetDateTime.class);
          keys.add(
              new PublishedKey(
                  VerifierKey.ed25519(rows.getString(1), rows.getBytes(2)),
                  rows.getObject(3, OffsetDateTime.class).toInstant(),
                  Optional.ofNullable(retires).map(OffsetDateTime::toInstant)));
        }
      }
      return keys;
    } catch (SQLException e) {
      throw new AuditStoreException("reading signing keys of " + tenantId, e);
    }
  }

  /**
   * Adds a new key for {@code origin}; the keys signing now keep signing for {@code overlap}, then
   * retire. Returns the new key to publish.
   */
  @Transactional
  public VerifierKey rotate(String tenantId, String origin, Duration overlap, Instant now) {
    try (var connection = dataSource.getConnection()) {
      try (var retire =
          connection.prepareStatement(
              "UPDATE audit_signing_key SET retires_at = ? WHERE tenant_id = ?"
                  + " AND (retires_at IS NULL OR retires_at > ?)")) {
        retire.setObject(1, now.plus(overlap).atOffset(ZoneOffset.UTC));
        retire.setString(2, tenantId);
        retire.setObject(3, now.plus(overlap).atOffset(ZoneOffset.UTC));
        retire.executeUpdate();
      }
      return create(connection, tenantId, origin, now).verifierKey();
    } catch (SQLException e) {
      throw new AuditStoreException("rotating the signing key of " + tenantId, e);
    }
  }

  private NoteSigner create(Connection connection, String tenantId, String origin, Instant now)
      throws SQLException {
    KeyPair pair = Ed25519Keys.generate();
    NoteSigner signer = NoteSigner.ed25519(origin, pair);
    VerifierKey key = signer.verifierKey();
    try (var insert =
        connection.prepareStatement(
            "INSERT INTO audit_signing_key (tenant_id, key_id, key_name, public_key,"
                + " private_sealed, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, tenantId);
      insert.setString(2, key.keyIdHex());
      insert.setString(3, origin);
      insert.setBytes(4, key.rawPublicKey());
      insert.setString(5, seal.seal(pair.getPrivate().getEncoded()));
      insert.setObject(6, now.atOffset(ZoneOffset.UTC));
      insert.executeUpdate();
    }
    return signer;
  }

  private static java.security.PrivateKey privateKey(byte[] pkcs8) {
    try {
      return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("a stored audit signing key is not an Ed25519 key", e);
    }
  }
}
