package io.countersign.audit;

/**
 * The audit store could not be read or written. Never an expected outcome: an append that fails
 * fails the action it records (fail closed).
 */
public class AuditStoreException extends RuntimeException {

  public AuditStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
