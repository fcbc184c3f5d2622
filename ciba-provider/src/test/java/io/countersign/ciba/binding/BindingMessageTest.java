package io.countersign.ciba.binding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import io.countersign.ciba.binding.BindingMessageCheck.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BindingMessageTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "CS-4F2K",
        "Refund 150 EUR on order A-17",
        "Überweisung prüfen",
        "注文 A-17 の返金",
        "رد المبلغ",
        "Approve? ✅ 👍",
        "a"
      })
  void checkWhenPlainTextThenValidAndUnchanged(String text) {
    assertEquals(text, valid(text).value());
  }

  @Test
  void checkWhenSurroundedByWhiteSpaceThenStripped() {
    assertEquals("CS-4F2K", valid("  \t CS-4F2K \n").value());
  }

  @Test
  void checkWhenDecomposedThenNormalisedToNfc() {
    assertEquals("\u00e9t\u00e9", valid("e\u0301te\u0301").value());
  }

  @Test
  void checkWhenExactlyMaxLengthInCodePointsThenValid() {
    assertEquals(64, BindingMessage.MAX_LENGTH);
    valid("x".repeat(64));
    valid("👍".repeat(64)); // 128 UTF-16 chars, 64 code points
  }

  @Test
  void checkWhenLongerThanMaxThenTooLong() {
    assertEquals(new BindingMessageCheck.Invalid(Problem.TOO_LONG, -1), check("x".repeat(65)));
  }

  @Test
  void checkWhenMissingOrEmptyThenRefused() {
    assertEquals(new BindingMessageCheck.Invalid(Problem.MISSING, -1), check(null));
    assertEquals(new BindingMessageCheck.Invalid(Problem.EMPTY, -1), check(""));
    assertEquals(new BindingMessageCheck.Invalid(Problem.EMPTY, -1), check(" \t\n "));
  }

  @ParameterizedTest
  @CsvSource({
    "'line\none', CONTROL_CHARACTER, 4",
    "'tab\there', CONTROL_CHARACTER, 3",
    "'bell\u0007', CONTROL_CHARACTER, 4",
    "'nul\u0000x', CONTROL_CHARACTER, 3",
    "'del\u007fx', CONTROL_CHARACTER, 3",
    "'c1\u0085x', CONTROL_CHARACTER, 2",
    "'line\u2028sep', CONTROL_CHARACTER, 4",
    "'para\u2029sep', CONTROL_CHARACTER, 4",
    "'pay \u202Eevil', BIDI_CONTROL, 4",
    "'pay \u202Aevil', BIDI_CONTROL, 4",
    "'\u2066isolate\u2069', BIDI_CONTROL, 0",
    "'mark\u200F', BIDI_CONTROL, 4",
    "'mark\u200E', BIDI_CONTROL, 4",
    "'arabic\u061Cmark', BIDI_CONTROL, 6",
    "'zero\u200Bwidth', INVISIBLE_CHARACTER, 4",
    "'join\u200Der', INVISIBLE_CHARACTER, 4",
    "'soft\u00ADhyphen', INVISIBLE_CHARACTER, 4",
    "'bom\uFEFFx', INVISIBLE_CHARACTER, 3",
    "'private\uE000use', UNPRINTABLE_CHARACTER, 7",
    "'unassigned\u0378', UNPRINTABLE_CHARACTER, 10",
    "'lone\uD800surrogate', UNPRINTABLE_CHARACTER, 4"
  })
  void checkWhenForbiddenCharacterThenProblemAndPosition(String text, Problem problem, int index) {
    assertEquals(new BindingMessageCheck.Invalid(problem, index), check(text));
  }

  @Test
  void describeWhenInvalidThenSentenceWithoutTheCharacter() {
    BindingMessageCheck.Invalid invalid = (BindingMessageCheck.Invalid) check("pay \u202Eevil");

    assertEquals(
        "binding_message contains a bidirectional text control character (at character 5)",
        invalid.describe());
    assertFalse(invalid.describe().contains("\u202E"));
  }

  @Test
  void ofWhenInvalidThenIllegalArgument() {
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> BindingMessage.of("x".repeat(65)));

    assertEquals("binding_message is longer than 64 characters", error.getMessage());
  }

  @Test
  void equalsWhenSameNormalisedTextThenEqual() {
    assertEquals(BindingMessage.of(" CS-4F2K"), BindingMessage.of("CS-4F2K "));
  }

  private static BindingMessageCheck check(String text) {
    return BindingMessage.check(text);
  }

  private static BindingMessage valid(String text) {
    if (BindingMessage.check(text) instanceof BindingMessageCheck.Valid valid) {
      return valid.message();
    }
    return fail("expected valid: " + BindingMessage.check(text));
  }
}
