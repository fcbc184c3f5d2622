package io.countersign.ciba.jose;

/** Values from a received JWT, made safe to put into a refusal sentence. */
final class Text {

  private static final int MAX_QUOTED = 80;

  private Text() {}

  /**
   * {@code value} shortened and with every character outside the {@code error_description} set (RFC
   * 6749 section 5.2: %x20-21 / %x23-5B / %x5D-7E) replaced by {@code ?}, so that a refusal can
   * echo what it refuses without smuggling anything into a response or a log line.
   */
  static String quote(String value) {
    if (value == null) {
      return "(none)";
    }
    String shortened = value.length() > MAX_QUOTED ? value.substring(0, MAX_QUOTED) + "..." : value;
    StringBuilder safe = new StringBuilder(shortened.length());
    shortened
        .chars()
        .forEach(
            c -> safe.append(c >= 0x20 && c <= 0x7E && c != '"' && c != '\\' ? (char) c : '?'));
    return safe.toString();
  }
}
