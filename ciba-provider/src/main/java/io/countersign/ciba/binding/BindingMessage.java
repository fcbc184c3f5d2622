package io.countersign.ciba.binding;

import java.util.Objects;

/**
 * A CIBA {@code binding_message} (CIBA Core 1.0, section 7.1): "a human-readable identifier or
 * message intended to be displayed on both the consumption device and the authentication device to
 * interlock them together". The spec asks for something short in plain text, and an {@code
 * invalid_binding_message} error otherwise.
 *
 * <p>Accepted messages: surrounding white space stripped, then Unicode NFC, then 1 to {@value
 * #MAX_LENGTH} code points (Keycloak allows 50 characters, FCM titles fit about 64), none of them a
 * control, line or paragraph separator, bidirectional control (which could make the two screens
 * read differently), other invisible format character (zero-width space, joiners, soft hyphen:
 * emoji joined by ZWJ are therefore refused), private-use, unassigned or lone surrogate code point.
 * Plain spaces and other visible characters of any script are fine.
 */
public final class BindingMessage {

  /** The most code points a binding message may have, after stripping. */
  public static final int MAX_LENGTH = 64;

  private final String value;

  private BindingMessage(String value) {
    this.value = value;
  }

  /** Checks a message as received; see the class description for the rules. */
  public static BindingMessageCheck check(String raw) {
    return BindingMessageRules.check(raw);
  }

  /**
   * A message known to be valid.
   *
   * @throws IllegalArgumentException naming the problem
   */
  public static BindingMessage of(String raw) {
    BindingMessageCheck check = check(raw);
    if (check instanceof BindingMessageCheck.Invalid invalid) {
      throw new IllegalArgumentException(invalid.describe());
    }
    return ((BindingMessageCheck.Valid) check).message();
  }

  /** Wraps a message {@link BindingMessageRules} accepted (already stripped and normalised). */
  static BindingMessage accepted(String normalised) {
    return new BindingMessage(normalised);
  }

  /** The message as it is displayed and stored (stripped, NFC). */
  public String value() {
    return value;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof BindingMessage message && value.equals(message.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
