package io.countersign.audit.jdbc;

/** The audit log could not record an entry; the caller's transaction must not commit. */
public class AuditWriteException extends RuntimeException {

  public AuditWriteException(String message, Throwable cause) {
    super(message, cause);
  }
}
