package io.countersign.ciba.quorum;

import java.util.Arrays;
import java.util.Optional;

/** How rejections decide a request. */
public enum RejectionPolicy {

  /** The default: the first rejection by an eligible approver rejects the request. */
  ANY_REJECTION("reject on any"),

  /**
   * Rejections are recorded; the request is rejected only once the approvers who have not yet voted
   * can no longer complete the quorum (checked when a rejection arrives).
   */
  WHEN_UNREACHABLE("reject when unreachable");

  private final String text;

  RejectionPolicy(String text) {
    this.text = text;
  }

  /** The clause in the text form of a rule, after the {@code ;}. */
  public String text() {
    return text;
  }

  /** The policy whose clause is {@code text} (single spaces, lower case), if any. */
  public static Optional<RejectionPolicy> fromText(String text) {
    return Arrays.stream(values()).filter(policy -> policy.text.equals(text)).findFirst();
  }
}
