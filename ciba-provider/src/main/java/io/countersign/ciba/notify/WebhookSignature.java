package io.countersign.ciba.notify;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a webhook POST: {@code Countersign-Signature: v1=<hex HMAC-SHA256(secret,
 * timestamp + "." + body)>} beside {@code Countersign-Timestamp: <unix seconds>}. Signing the
 * timestamp with the body lets a receiver refuse replays of old deliveries.
 */
public final class WebhookSignature {

  public static final String TIMESTAMP_HEADER = "Countersign-Timestamp";
  public static final String SIGNATURE_HEADER = "Countersign-Signature";

  /** How old a delivery a receiver should still accept. */
  public static final Duration TOLERANCE = Duration.ofMinutes(5);

  private static final String VERSION = "v1=";

  private WebhookSignature() {}

  /** The {@value #SIGNATURE_HEADER} value of {@code body} sent at {@code timestamp}. */
  public static String sign(String secret, long timestamp, String body) {
    return VERSION + HexFormat.of().formatHex(hmac(secret, timestamp + "." + body));
  }

  /**
   * What a receiver checks: the signature matches (compared in constant time) and the timestamp is
   * within {@link #TOLERANCE} of {@code now}.
   */
  public static boolean verify(
      String secret, String timestampHeader, String signatureHeader, String body, Instant now) {
    long timestamp;
    try {
      timestamp = Long.parseLong(timestampHeader);
    } catch (NumberFormatException e) {
      return false;
    }
    if (Math.abs(now.getEpochSecond() - timestamp) > TOLERANCE.toSeconds()) {
      return false;
    }
    return MessageDigest.isEqual(
        sign(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII),
        signatureHeader.getBytes(StandardCharsets.US_ASCII));
  }

  private static byte[] hmac(String secret, String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
