package io.countersign.verifier.merkle;

/** The outcome of checking a proof: a value, because a bad proof is an expected outcome. */
public sealed interface Verification permits Verification.Valid, Verification.Invalid {

  /** The proof holds. */
  record Valid() implements Verification {}

  /** The proof does not hold, and why (for people, not for parsing). */
  record Invalid(String reason) implements Verification {}

  static Verification valid() {
    return new Valid();
  }

  static Verification invalid(String reason) {
    return new Invalid(reason);
  }

  default boolean isValid() {
    return this instanceof Valid;
  }
}
