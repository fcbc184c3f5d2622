package io.countersign.gateway.session;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Ids a client must not be able to guess (sessions, server requests, awaited input, tasks): random
 * bytes from {@link SecureRandom}, base64url without padding, visible ASCII as every transport
 * allows.
 */
public final class UnguessableIds {

  private static final SecureRandom RANDOM = new SecureRandom();

  private UnguessableIds() {}

  /** An id of {@code bytes} random bytes. */
  public static String of(int bytes) {
    byte[] random = new byte[bytes];
    RANDOM.nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }
}
