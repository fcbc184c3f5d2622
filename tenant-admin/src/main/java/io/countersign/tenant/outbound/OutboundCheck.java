package io.countersign.tenant.outbound;

/** Whether an outbound URL or address may be reached. */
public sealed interface OutboundCheck {

  boolean permitted();

  /** It may be reached. */
  record Permitted() implements OutboundCheck {
    @Override
    public boolean permitted() {
      return true;
    }
  }

  /** It may not be reached, and why. */
  record Refused(String reason) implements OutboundCheck {
    @Override
    public boolean permitted() {
      return false;
    }
  }
}
