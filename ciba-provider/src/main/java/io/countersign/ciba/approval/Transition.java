package io.countersign.ciba.approval;

/**
 * What became of an {@link ApprovalRequest#expire expire} or {@link ApprovalRequest#cancel cancel}.
 */
public sealed interface Transition {

  /** The request moved from {@code from} to {@code to}. */
  record Applied(ApprovalState from, ApprovalState to) implements Transition {}

  /** Nothing changed. */
  record Refused(Reason reason, ApprovalState state) implements Transition {}

  /** Why a transition did not apply. */
  enum Reason {
    /** The request is already in a terminal state. */
    TERMINAL,
    /** The request's expiry has not been reached. */
    NOT_DUE
  }
}
