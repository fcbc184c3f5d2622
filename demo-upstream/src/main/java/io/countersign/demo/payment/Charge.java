package io.countersign.demo.payment;

import java.math.BigDecimal;
import java.util.Currency;

/** A card charge as written to {@code demo_ledger}. */
public record Charge(String chargeId, String cardToken, BigDecimal amount, Currency currency) {

  public Charge {
    if (amount.signum() <= 0) {
      throw new IllegalArgumentException("A charge amount must be positive");
    }
  }
}
