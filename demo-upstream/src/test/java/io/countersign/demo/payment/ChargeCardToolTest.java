package io.countersign.demo.payment;

import static io.countersign.demo.tool.ToolOutcomes.failure;
import static io.countersign.demo.tool.ToolOutcomes.success;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.demo.db.TestDatabase;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class ChargeCardToolTest {

  private final DataSource dataSource = TestDatabase.migratedH2();
  private final LedgerRepository ledger = new LedgerRepository(dataSource);
  private final ChargeCardTool tool = new ChargeCardTool(ledger, Clock.systemUTC());

  private static Map<String, Object> charge(Object amount, String currency) {
    return Map.of("card_token", "tok_visa_4242", "amount", amount, "currency", currency);
  }

  @Test
  void invokeWhenValidThenOneLedgerRowPerCall() {
    var first = success(tool.invoke(charge(12.5, "EUR")));
    var second = success(tool.invoke(charge(12.5, "EUR")));

    assertEquals(new BigDecimal("12.50"), first.structuredContent().get("amount"));
    assertEquals("EUR", first.structuredContent().get("currency"));
    assertEquals("captured", first.structuredContent().get("status"));
    assertTrue(first.text().startsWith("Charged 12.50 EUR"));
    assertTrue(
        !first
            .structuredContent()
            .get("charge_id")
            .equals(second.structuredContent().get("charge_id")));
    assertEquals(2, ledger.count());
    assertEquals(
        1,
        TestDatabase.count(
            dataSource,
            "SELECT COUNT(*) FROM demo_ledger WHERE charge_id = '"
                + first.structuredContent().get("charge_id")
                + "' AND amount = 12.5 AND currency = 'EUR' AND card_token = 'tok_visa_4242'"));
  }

  @Test
  void invokeWhenAmountIsNotPositiveOrTooPreciseThenToolError() {
    assertEquals("'amount' must be greater than 0, got 0", failure(tool.invoke(charge(0, "EUR"))));
    assertEquals(
        "'amount' must be greater than 0, got -5.0", failure(tool.invoke(charge(-5.0, "EUR"))));
    assertEquals(
        "'amount' has more than 0 decimal(s), which JPY does not allow: 10.5",
        failure(tool.invoke(charge(10.5, "JPY"))));
    assertEquals(
        "'amount' has more than 2 decimal(s), which EUR does not allow: 1.005",
        failure(tool.invoke(charge(1.005, "EUR"))));
    assertEquals("'amount' must be a number", failure(tool.invoke(charge("10", "EUR"))));
    assertTrue(
        failure(tool.invoke(charge(2_000_000, "EUR"))).startsWith("'amount' must be at most"));
    assertEquals(0, ledger.count());
  }

  @Test
  void invokeWhenCurrencyIsNotIso4217ThenToolError() {
    assertTrue(
        failure(tool.invoke(charge(1, "eur"))).startsWith("'currency' must be an ISO 4217 code"));
    assertTrue(failure(tool.invoke(charge(1, "XYZ"))).contains("got 'XYZ'"));
    assertEquals(
        "'currency' must be 3 to 3 characters long", failure(tool.invoke(charge(1, "EURO"))));
  }

  @Test
  void invokeWhenCardNumberInsteadOfTokenThenToolError() {
    assertEquals(
        "'card_token' looks like a card number; pass a card token instead",
        failure(
            tool.invoke(Map.of("card_token", "4242424242424242", "amount", 1, "currency", "EUR"))));
    assertEquals(
        "'card_token' must be 6 to 64 letters, digits, '_' or '-'",
        failure(tool.invoke(Map.of("card_token", "tok 42", "amount", 1, "currency", "EUR"))));
  }

  @Test
  void invokeWhenJpyWholeAmountThenNoDecimals() {
    assertEquals(
        new BigDecimal("1500"),
        success(tool.invoke(charge(1500, "JPY"))).structuredContent().get("amount"));
  }

  @Test
  void definitionIsNeitherReadOnlyNorIdempotentAndOpenWorld() {
    var annotations = tool.definition().annotations();
    assertEquals(false, annotations.readOnlyHint());
    assertEquals(true, annotations.destructiveHint());
    assertEquals(false, annotations.idempotentHint());
    assertEquals(true, annotations.openWorldHint());
  }
}
