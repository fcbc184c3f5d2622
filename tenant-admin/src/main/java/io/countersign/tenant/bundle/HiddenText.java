package io.countersign.tenant.bundle;

import java.util.regex.Pattern;

/**
 * Checks of values that may be secrets (client secrets, webhook secrets): a problem names the field
 * and the rule, never the value.
 */
final class HiddenText {

  /** RFC 6749, appendix A.1 and A.2: client ids and secrets are VSCHARs (printable ASCII). */
  private static final Pattern VSCHARS = Pattern.compile("[\\x20-\\x7E]+");

  private HiddenText() {}

  /** Printable ASCII and not empty; {@code rule} says so in the problem. */
  static boolean printable(Located<String> text, BundleReader reader, String what, String rule) {
    if (VSCHARS.matcher(text.value()).matches()) {
      return true;
    }
    // never echo the value: it may be a secret
    reader.problem(text.path(), text.node(), "is not " + what + ": " + rule + ", not empty");
    return false;
  }

  static boolean fits(Located<String> text, BundleReader reader, int maxLength) {
    if (text.value().length() <= maxLength) {
      return true;
    }
    reader.problem(text.path(), text.node(), "is longer than " + maxLength + " characters");
    return false;
  }

  static boolean atLeast(Located<String> text, BundleReader reader, int minLength) {
    if (text.value().length() >= minLength) {
      return true;
    }
    reader.problem(
        text.path(),
        text.node(),
        "is shorter than " + minLength + " characters (use a random value, e.g. 32 bytes base64)");
    return false;
  }
}
