package io.countersign.ciba.jose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.JSONArrayUtils;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExactJsonTest {

  private static final String NUMBERS =
      "[{\"big\":12345678901234567890,\"tenth\":0.1,\"long\":0.12345678901234567890123,"
          + "\"max\":9223372036854775807,\"neg\":-9223372036854775809,\"one\":1.0,\"small\":7}]";

  @Test
  void numbersKeepEveryDigitThroughNimbusSerialisation() {
    List<Object> array = ok(ExactJson.array(NUMBERS));
    assertEquals(NUMBERS, JSONArrayUtils.toJSONString(array));
    Map<?, ?> object = (Map<?, ?>) array.get(0);
    assertEquals(new BigInteger("12345678901234567890"), object.get("big"));
    assertEquals(new BigDecimal("0.1"), object.get("tenth"));
    assertEquals(7L, object.get("small"));
    assertEquals(Long.MAX_VALUE, object.get("max"));
  }

  /** Why ExactJson exists: Nimbus' own parser turns this integer into a double. */
  @Test
  void nimbusParserLosesDigitsOfBigNumbers() throws Exception {
    Map<?, ?> object = (Map<?, ?>) JSONArrayUtils.parse(NUMBERS).get(0);
    assertInstanceOf(Double.class, object.get("big"));
    assertEquals("1.2345678901234567E19", object.get("big").toString());
    assertEquals("0.12345678901234568", object.get("long").toString());
  }

  @Test
  void exponentIsNormalisedButItsValueKept() {
    List<Object> array = ok(ExactJson.array("[1e3, 2.5E-3]"));
    assertEquals("[1E+3,0.0025]", JSONArrayUtils.toJSONString(array));
  }

  @Test
  void duplicateMemberNamesAreRefused() {
    assertProblem(ExactJson.object("{\"sub\":\"alice\",\"sub\":\"mallory\"}"));
  }

  @Test
  void trailingContentIsRefused() {
    assertProblem(ExactJson.array("[1] [2]"));
    assertProblem(ExactJson.object("{} x"));
  }

  @Test
  void duplicateMembersInNestedObjectsAreRefused() {
    assertProblem(ExactJson.array("[{\"a\":{\"b\":1,\"b\":2}}]"));
  }

  @Test
  void absurdNestingIsRefusedNotAStackOverflow() {
    assertProblem(ExactJson.array("[".repeat(100_000) + "]".repeat(100_000)));
  }

  @Test
  void wrongShapeIsRefused() {
    assertProblem(ExactJson.array("{\"a\":1}"));
    assertProblem(ExactJson.object("[1]"));
    assertProblem(ExactJson.array("\"[1]\""));
    assertProblem(ExactJson.array(null));
    assertProblem(ExactJson.array("[1,"));
    assertProblem(ExactJson.array(""));
    assertProblem(ExactJson.array("  "));
  }

  private static <T> T ok(Outcome<T> outcome) {
    assertInstanceOf(Outcome.Ok.class, outcome, outcome.toString());
    return ((Outcome.Ok<T>) outcome).value();
  }

  private static void assertProblem(Outcome<?> outcome) {
    assertTrue(outcome instanceof Outcome.Problem<?>, outcome.toString());
  }
}
