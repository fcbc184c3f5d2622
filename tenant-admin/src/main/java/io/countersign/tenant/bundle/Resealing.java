package io.countersign.tenant.bundle;

import io.countersign.tenant.secret.SecretBox;
import io.countersign.tenant.secret.UnreadableSecretException;
import java.util.Optional;

/**
 * A declared secret sealed for its row: the row's sealed value when it already holds this secret
 * (so an unchanged bundle changes nothing), else a fresh seal.
 */
final class Resealing {

  private Resealing() {}

  static String sealed(SecretBox box, Optional<String> stored, String secret) {
    return stored.filter(current -> same(box, current, secret)).orElseGet(() -> box.seal(secret));
  }

  private static boolean same(SecretBox box, String sealed, String secret) {
    try {
      return box.open(sealed).equals(secret);
    } catch (UnreadableSecretException sealedUnderAnotherKey) {
      return false; // reseal under the current key
    }
  }
}
