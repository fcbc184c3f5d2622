package io.countersign.ciba;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An {@code auth_req_id} (CIBA Core 1.0, section 7.3): "a unique identifier to identify the
 * authentication request made by the Client. It MUST contain sufficient entropy (a minimum of 128
 * bits while 160 bits is recommended) to make brute force guessing or forgery of a valid
 * auth_req_id computationally infeasible". The grammar is {@code [A-Za-z0-9._-]}.
 *
 * <p>Ours are 256 random bits from {@link SecureRandom}, base64url without padding (43 characters).
 * Whoever holds one and the client's credentials gets the token, so it is stored only as {@link
 * #sha256()} (plain SHA-256 suffices for 256 random bits), compared in constant time, and {@link
 * #toString()} does not show it.
 */
public final class AuthReqId {

  /** Random bytes per identifier. */
  public static final int RANDOM_BYTES = 32;

  /** The longest identifier {@link #parse} accepts (ours are 43; others' are not stored). */
  public static final int MAX_LENGTH = 256;

  private static final Pattern CHARSET = Pattern.compile("[A-Za-z0-9._-]+");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String value;

  private AuthReqId(String value) {
    this.value = value;
  }

  /** A new identifier. */
  public static AuthReqId generate() {
    return generate(RANDOM);
  }

  /** A new identifier from {@code random}. */
  public static AuthReqId generate(SecureRandom random) {
    byte[] bytes = new byte[RANDOM_BYTES];
    random.nextBytes(bytes);
    return new AuthReqId(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }

  /**
   * An identifier a client presented, if it has the allowed characters and at most {@value
   * #MAX_LENGTH} of them; whether it exists is the store's question.
   */
  public static Optional<AuthReqId> parse(String presented) {
    return presented != null
            && presented.length() <= MAX_LENGTH
            && CHARSET.matcher(presented).matches()
        ? Optional.of(new AuthReqId(presented))
        : Optional.empty();
  }

  /** The identifier itself, for the acknowledgement and callbacks only; never log it. */
  public String value() {
    return value;
  }

  /** Lowercase hex SHA-256 of the identifier's ASCII bytes: what the store keeps and indexes. */
  public String sha256() {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(value.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Whether this identifier hashes to {@code storedSha256}, compared in constant time. */
  public boolean matches(String storedSha256) {
    return constantTimeEquals(sha256(), storedSha256);
  }

  /**
   * Compares two strings in time that depends only on their lengths ({@link
   * MessageDigest#isEqual}); null equals nothing.
   */
  public static boolean constantTimeEquals(String a, String b) {
    if (a == null || b == null) {
      return false;
    }
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof AuthReqId id && constantTimeEquals(value, id.value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  /** Does not show the identifier (a bearer secret in a log would be a leak). */
  @Override
  public String toString() {
    return "AuthReqId[sha256=" + sha256().substring(0, 12) + "…]";
  }
}
