package io.countersign.audit.log;

import io.countersign.audit.AuditPayload;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A payload as stored beside the log, and the leaf's commitment to it: SHA-256(salt || payload),
 * with 16 random bytes of salt so that the commitment reveals nothing about a short payload (an
 * e-mail address, a card number) once the payload itself is erased. Payloads above {@link
 * #MAX_STORED_BYTES} are replaced by a stand-in naming their size and SHA-256.
 */
record PayloadCommitment(String kind, byte[] salt, byte[] payload, byte[] commitment) {

  static final int SALT_BYTES = 16;
  static final int MAX_STORED_BYTES = 256 * 1024;
  private static final SecureRandom RANDOM = new SecureRandom();

  static PayloadCommitment of(AuditPayload payload) {
    byte[] canonical = Canonical.bytes(payload.json());
    if (canonical.length > MAX_STORED_BYTES) {
      canonical = standIn(canonical);
    }
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    return new PayloadCommitment(payload.kind(), salt, canonical, commit(salt, canonical));
  }

  static byte[] commit(byte[] salt, byte[] payload) {
    MessageDigest sha256 = sha256();
    sha256.update(salt);
    return sha256.digest(payload);
  }

  String commitmentBase64() {
    return Base64.getEncoder().encodeToString(commitment);
  }

  private static byte[] standIn(byte[] canonical) {
    String json =
        "{\"bytes\":"
            + canonical.length
            + ",\"omitted\":\"larger than "
            + MAX_STORED_BYTES
            + " bytes\",\"sha256\":\""
            + HexFormat.of().formatHex(sha256().digest(canonical))
            + "\"}";
    return json.getBytes(StandardCharsets.UTF_8);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
