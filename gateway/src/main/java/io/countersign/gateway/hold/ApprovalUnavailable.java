package io.countersign.gateway.hold;

/** The approvers cannot be asked (provider unreachable or refusing); the call fails closed. */
public class ApprovalUnavailable extends Exception {
  public ApprovalUnavailable(String message) {
    super(message);
  }
}
