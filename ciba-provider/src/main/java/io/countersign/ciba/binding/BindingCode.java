package io.countersign.ciba.binding;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A short code such as {@code CS-4F2K}, shown both where the agent runs and on the approver's phone
 * so the approver can tell that the request in front of them is the one they expect.
 *
 * <p>Four symbols from a 32-letter alphabet without the look-alikes {@code 0 O 1 I} (20 bits): it
 * binds two screens together, it is not a secret and not unique across requests.
 *
 * @param value the code, {@code CS-} and four symbols
 */
public record BindingCode(String value) {

  /** The symbols: digits 2 to 9 and upper-case letters except I and O. */
  public static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

  /** The shape of a code, as a regular expression. */
  public static final String PATTERN = "CS-[2-9A-HJ-NP-Z]{4}";

  private static final Pattern SHAPE = Pattern.compile(PATTERN);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int SYMBOLS = 4;

  public BindingCode {
    if (value == null || !SHAPE.matcher(value).matches()) {
      throw new IllegalArgumentException("binding code '" + value + "' does not match " + PATTERN);
    }
  }

  /** A new random code. */
  public static BindingCode generate() {
    return generate(RANDOM);
  }

  /** A new code from {@code random}; 32 symbols, so {@code nextInt} picks each without bias. */
  public static BindingCode generate(SecureRandom random) {
    StringBuilder code = new StringBuilder("CS-");
    for (int i = 0; i < SYMBOLS; i++) {
      code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return new BindingCode(code.toString());
  }

  /** The code {@code text} spells exactly, if it is one. */
  public static Optional<BindingCode> parse(String text) {
    return text != null && SHAPE.matcher(text).matches()
        ? Optional.of(new BindingCode(text))
        : Optional.empty();
  }

  @Override
  public String toString() {
    return value;
  }
}
