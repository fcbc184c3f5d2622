package io.countersign.ciba.binding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BindingCodeTest {

  @Test
  void alphabetWhenInspectedThen32SymbolsWithoutLookAlikes() {
    assertEquals(32, BindingCode.ALPHABET.length());
    assertEquals(32, BindingCode.ALPHABET.chars().distinct().count());
    for (char lookAlike : new char[] {'0', 'O', '1', 'I'}) {
      assertEquals(-1, BindingCode.ALPHABET.indexOf(lookAlike));
    }
  }

  @Test
  void generateWhenCalledThenCsDashFourSymbolsFromAlphabet() {
    SecureRandom random = new SecureRandom();
    Set<Character> seen = new HashSet<>();
    for (int i = 0; i < 2000; i++) {
      String code = BindingCode.generate(random).value();
      assertTrue(code.matches(BindingCode.PATTERN), code);
      code.substring(3).chars().forEach(c -> seen.add((char) c));
    }
    // 8000 draws from 32 symbols: every symbol shows up (the odds of one missing are ~1e-107).
    assertEquals(32, seen.size());
  }

  @Test
  void generateWhenNoRandomGivenThenValidCode() {
    assertTrue(BindingCode.generate().value().startsWith("CS-"));
  }

  @Test
  void parseWhenWellFormedThenCode() {
    assertEquals(Optional.of(new BindingCode("CS-4F2K")), BindingCode.parse("CS-4F2K"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"CS-4F2", "CS-4F2KX", "cs-4f2k", "CS-0O1I", "XX-4F2K", "CS 4F2K", ""})
  void parseWhenMalformedThenEmpty(String text) {
    assertEquals(Optional.empty(), BindingCode.parse(text));
    assertThrows(IllegalArgumentException.class, () -> new BindingCode(text));
  }

  @Test
  void parseWhenNullThenEmpty() {
    assertEquals(Optional.empty(), BindingCode.parse(null));
  }
}
