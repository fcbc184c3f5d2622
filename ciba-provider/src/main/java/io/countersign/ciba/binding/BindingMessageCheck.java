package io.countersign.ciba.binding;

/** The outcome of checking a received {@code binding_message}. */
public sealed interface BindingMessageCheck {

  /** The message is acceptable; {@code message} is its stripped, normalised form. */
  record Valid(BindingMessage message) implements BindingMessageCheck {}

  /**
   * The message is not acceptable.
   *
   * @param problem what is wrong
   * @param index the offending code point's index in the stripped message, or -1 when the problem
   *     is with the message as a whole
   */
  record Invalid(Problem problem, int index) implements BindingMessageCheck {

    /** A sentence for {@code error_description}; it never echoes the offending character. */
    public String describe() {
      return problem.sentence + (index >= 0 ? " (at character " + (index + 1) + ")" : "");
    }
  }

  /** Why a binding message is refused. */
  enum Problem {
    MISSING("binding_message is missing"),
    EMPTY("binding_message is empty"),
    TOO_LONG("binding_message is longer than " + BindingMessage.MAX_LENGTH + " characters"),
    CONTROL_CHARACTER("binding_message contains a control character or line break"),
    BIDI_CONTROL("binding_message contains a bidirectional text control character"),
    INVISIBLE_CHARACTER("binding_message contains an invisible formatting character"),
    UNPRINTABLE_CHARACTER("binding_message contains an unassigned or private-use character");

    private final String sentence;

    Problem(String sentence) {
      this.sentence = sentence;
    }
  }
}
