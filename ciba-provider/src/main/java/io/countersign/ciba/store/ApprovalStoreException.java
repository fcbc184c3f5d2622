package io.countersign.ciba.store;

/** The approval store could not read or write; the caller's transaction rolls back. */
public class ApprovalStoreException extends RuntimeException {

  public ApprovalStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
