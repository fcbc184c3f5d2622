package io.countersign.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * The SHA-256 of a JSON value's canonical form (RFC 8785, JSON Canonicalization Scheme), so the
 * same arguments give the same digest whatever their key order or number spelling.
 */
public final class ArgumentsDigest {

  private ArgumentsDigest() {}

  /** Hex SHA-256 of the canonical form of {@code json}, which must be valid JSON. */
  public static String of(String json) {
    try {
      byte[] canonical = new JsonCanonicalizer(json).getEncodedUTF8();
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
    } catch (IOException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Hex SHA-256 of raw bytes. */
  public static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
