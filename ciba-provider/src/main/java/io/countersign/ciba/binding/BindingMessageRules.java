package io.countersign.ciba.binding;

import io.countersign.ciba.binding.BindingMessageCheck.Invalid;
import io.countersign.ciba.binding.BindingMessageCheck.Problem;
import java.text.Normalizer;

/** The character rules of {@link BindingMessage}. */
final class BindingMessageRules {

  private BindingMessageRules() {}

  static BindingMessageCheck check(String raw) {
    if (raw == null) {
      return new Invalid(Problem.MISSING, -1);
    }
    String message = Normalizer.normalize(raw.strip(), Normalizer.Form.NFC);
    if (message.isEmpty()) {
      return new Invalid(Problem.EMPTY, -1);
    }
    if (message.codePointCount(0, message.length()) > BindingMessage.MAX_LENGTH) {
      return new Invalid(Problem.TOO_LONG, -1);
    }
    int[] codePoints = message.codePoints().toArray();
    for (int i = 0; i < codePoints.length; i++) {
      Problem problem = problemWith(codePoints[i]);
      if (problem != null) {
        return new Invalid(problem, i);
      }
    }
    return new BindingMessageCheck.Valid(BindingMessage.accepted(message));
  }

  /** The problem with one code point, or null when it may appear in a binding message. */
  private static Problem problemWith(int codePoint) {
    if (isBidiControl(codePoint)) {
      return Problem.BIDI_CONTROL;
    }
    return switch (Character.getType(codePoint)) {
      case Character.CONTROL, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR ->
          Problem.CONTROL_CHARACTER;
      case Character.FORMAT -> Problem.INVISIBLE_CHARACTER;
      case Character.UNASSIGNED, Character.PRIVATE_USE, Character.SURROGATE ->
          Problem.UNPRINTABLE_CHARACTER;
      default -> null;
    };
  }

  /**
   * The Unicode bidirectional controls (UAX #9): ALM, LRM, RLM, the embeddings and overrides
   * LRE..RLO and the isolates LRI..PDI; the "Trojan Source" characters (CVE-2021-42574).
   */
  private static boolean isBidiControl(int codePoint) {
    return codePoint == 0x061C
        || codePoint == 0x200E
        || codePoint == 0x200F
        || (codePoint >= 0x202A && codePoint <= 0x202E)
        || (codePoint >= 0x2066 && codePoint <= 0x2069);
  }
}
