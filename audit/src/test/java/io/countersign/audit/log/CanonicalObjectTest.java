package io.countersign.audit.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The direct writer against the RFC 8785 library it stands in for, on the same objects. */
class CanonicalObjectTest {

  /** Every kind of character the two might treat differently, lone surrogates included. */
  private static final String ALPHABET =
      "\u0000\u0001\u0007\b\t\n\u000b\f\r\u000e\u001f \"\\/'aZ~\u007f\u0080é€\u2028\u2029"
          + "\uffff\ufeff\ud83d\ude00\ud800\udfff";

  private static final long[] NUMBERS = {
    0,
    1,
    -1,
    42,
    1_000_000,
    (1L << 53) - 1,
    1L << 53,
    -(1L << 53),
    (1L << 53) + 1,
    -(1L << 53) - 3,
    Long.MAX_VALUE,
    Long.MIN_VALUE,
    123_456_789_012_345_678L
  };

  private final Random random = new Random(8785);

  @Test
  void bytesWhenRandomObjectsThenTheLibrarysCanonicalBytes() {
    for (int round = 0; round < 2_000; round++) {
      var direct = new CanonicalObject();
      var parsed = Canonical.JSON.createObjectBuilder();
      fill(direct, parsed, 0);
      assertArrayEquals(
          Canonical.bytes(parsed.build()),
          direct.bytes(),
          () -> new String(direct.bytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void bytesWhenMembersAddedInAnyOrderThenSortedByUtf16CodeUnits() {
    var object =
        new CanonicalObject()
            .add("\ud83d\ude00", "emoji")
            .add("\uff41", "fullwidth a")
            .add("b", 2)
            .add("a", new CanonicalObject().add("z", "").add("y", -7));
    assertEquals(
        "{\"a\":{\"y\":-7,\"z\":\"\"},\"b\":2,\"\ud83d\ude00\":\"emoji\",\"\uff41\":\"fullwidth a\"}",
        new String(object.bytes(), StandardCharsets.UTF_8));
  }

  @Test
  void addWhenNameGivenTwiceThenRefused() {
    var object = new CanonicalObject().add("a", 1);
    assertThrows(IllegalArgumentException.class, () -> object.add("a", "again"));
  }

  private void fill(CanonicalObject direct, JsonObjectBuilder parsed, int depth) {
    int members = random.nextInt(6);
    java.util.Set<String> names = new java.util.HashSet<>();
    for (int i = 0; i < members; i++) {
      String name = text(4);
      if (!names.add(name)) {
        continue;
      }
      int kind = random.nextInt(depth < 2 ? 3 : 2);
      if (kind == 0) {
        String value = text(12);
        direct.add(name, value);
        parsed.add(name, value);
      } else if (kind == 1) {
        long value =
            random.nextBoolean() ? NUMBERS[random.nextInt(NUMBERS.length)] : random.nextLong();
        direct.add(name, value);
        parsed.add(name, value);
      } else {
        var innerDirect = new CanonicalObject();
        var innerParsed = Canonical.JSON.createObjectBuilder();
        fill(innerDirect, innerParsed, depth + 1);
        direct.add(name, innerDirect);
        parsed.add(name, innerParsed);
      }
    }
  }

  private String text(int maxLength) {
    int length = random.nextInt(maxLength + 1);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return text.toString();
  }
}
