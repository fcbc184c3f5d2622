package io.countersign.ciba.details;

/**
 * One problem with a JSON document.
 *
 * @param pointer where, as a JSON Pointer (RFC 6901) into the validated document; {@code ""} is the
 *     whole document
 * @param message what is wrong, in plain language
 */
public record JsonProblem(String pointer, String message) {

  /** {@code pointer} followed by the member or index {@code token}, escaped as RFC 6901 says. */
  public static String child(String pointer, String token) {
    return pointer + "/" + token.replace("~", "~0").replace("/", "~1");
  }

  @Override
  public String toString() {
    return (pointer.isEmpty() ? "(document)" : pointer) + ": " + message;
  }
}
