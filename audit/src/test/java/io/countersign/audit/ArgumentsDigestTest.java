package io.countersign.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ArgumentsDigestTest {

  @Test
  void ofWhenKeysReorderedAndNumbersRespelledThenSameDigest() {
    assertEquals(
        ArgumentsDigest.of("{\"b\":1.0,\"a\":[\"x\",{\"d\":2,\"c\":1}]}"),
        ArgumentsDigest.of("{ \"a\": [\"x\", {\"c\": 1, \"d\": 2}], \"b\": 1 }"));
  }

  @Test
  void ofWhenValueDiffersThenDigestDiffers() {
    assertNotEquals(ArgumentsDigest.of("{\"a\":1}"), ArgumentsDigest.of("{\"a\":2}"));
  }

  @Test
  void ofWhenEmptyObjectThenKnownSha256() {
    // SHA-256 of the two bytes "{}"
    assertEquals(
        "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
        ArgumentsDigest.of("{ }"));
  }

  @Test
  void ofWhenNotJsonThenRefused() {
    assertThrows(IllegalArgumentException.class, () -> ArgumentsDigest.of("{nope"));
  }
}
