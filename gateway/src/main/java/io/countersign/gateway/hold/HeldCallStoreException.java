package io.countersign.gateway.hold;

/** The held-call table could not be read or written; the transaction fails closed. */
public class HeldCallStoreException extends RuntimeException {
  HeldCallStoreException(String statement, Throwable cause) {
    super("held_call: " + statement.split(" ")[0] + " failed", cause);
  }
}
