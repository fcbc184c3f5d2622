package io.countersign.tenant.secret;

/** A sealed secret could not be opened: it was altered, or sealed under another key. */
public final class UnreadableSecretException extends RuntimeException {

  UnreadableSecretException(String message, Throwable cause) {
    super(message, cause);
  }

  UnreadableSecretException(String message) {
    super(message);
  }
}
