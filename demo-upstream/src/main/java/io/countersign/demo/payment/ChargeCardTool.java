package io.countersign.demo.payment;

import io.countersign.demo.tool.Annotations;
import io.countersign.demo.tool.Arguments;
import io.countersign.demo.tool.DemoTool;
import io.countersign.demo.tool.InvalidArgumentException;
import io.countersign.demo.tool.Schemas;
import io.countersign.demo.tool.ToolOutcome;
import io.modelcontextprotocol.spec.McpSchema;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.Currency;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * {@code charge_card}: charges an amount to a tokenised card, recorded in the ledger. Annotated as
 * it would be for real money: not read-only, destructive (funds leave a cardholder's account and a
 * second call charges again), not idempotent, open world (a payment network).
 */
public class ChargeCardTool implements DemoTool {

  public static final String NAME = "charge_card";
  static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000");

  private static final Logger LOG = Logger.getLogger(ChargeCardTool.class.getName());
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{6,64}");
  private static final Pattern CARD_NUMBER = Pattern.compile("[0-9]{12,19}");
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

  private static final McpSchema.Tool DEFINITION =
      McpSchema.Tool.builder(
              NAME,
              Schemas.parse(
                  """
                  {
                    "type": "object",
                    "properties": {
                      "card_token": {"type": "string", "pattern": "^[A-Za-z0-9_-]{6,64}$",
                        "description": "Token of the card to charge, e.g. \\"tok_visa_4242\\" (never a card number)."},
                      "amount": {"type": "number", "exclusiveMinimum": 0, "maximum": 1000000,
                        "description": "Amount in major units (12.50), at most the currency's decimals."},
                      "currency": {"type": "string", "pattern": "^[A-Z]{3}$",
                        "description": "ISO 4217 currency code, e.g. EUR."}
                    },
                    "required": ["card_token", "amount", "currency"],
                    "additionalProperties": false
                  }
                  """))
          .title("Charge card")
          .description(
              "Charges an amount in an ISO 4217 currency to a tokenised card (demo: recorded in a"
                  + " ledger). Every call is a new charge.")
          .outputSchema(
              Schemas.parse(
                  """
                  {
                    "type": "object",
                    "properties": {
                      "charge_id": {"type": "string"},
                      "amount": {"type": "number"},
                      "currency": {"type": "string"},
                      "status": {"type": "string", "enum": ["captured"]}
                    },
                    "required": ["charge_id", "amount", "currency", "status"]
                  }
                  """))
          .annotations(Annotations.of("Charge card", false, true, false, true))
          .build();

  private final LedgerRepository ledger;
  private final Clock clock;

  public ChargeCardTool(LedgerRepository ledger, Clock clock) {
    this.ledger = ledger;
    this.clock = clock;
  }

  @Override
  public McpSchema.Tool definition() {
    return DEFINITION;
  }

  @Override
  public ToolOutcome call(Arguments arguments) {
    String token = cardToken(arguments.requiredString("card_token", 1, 64));
    Currency currency = currency(arguments.requiredString("currency", 3, 3));
    BigDecimal amount = amount(arguments.requiredNumber("amount"), currency);
    Charge charge =
        new Charge("ch_" + UUID.randomUUID().toString().replace("-", ""), token, amount, currency);
    ledger.record(charge, clock.instant());
    LOG.info(
        () ->
            "charge_card recorded "
                + charge.chargeId()
                + " of "
                + amount.toPlainString()
                + " "
                + currency.getCurrencyCode());
    return ToolOutcome.success(
        "Charged "
            + amount.toPlainString()
            + " "
            + currency.getCurrencyCode()
            + " ("
            + charge.chargeId()
            + ")",
        Map.of(
            "charge_id",
            charge.chargeId(),
            "amount",
            amount,
            "currency",
            currency.getCurrencyCode(),
            "status",
            "captured"));
  }

  private static String cardToken(String token) {
    if (CARD_NUMBER.matcher(token).matches()) {
      throw new InvalidArgumentException(
          "'card_token' looks like a card number; pass a card token instead");
    }
    if (!TOKEN.matcher(token).matches()) {
      throw new InvalidArgumentException(
          "'card_token' must be 6 to 64 letters, digits, '_' or '-'");
    }
    return token;
  }

  private static Currency currency(String code) {
    if (CURRENCY.matcher(code).matches()) {
      try {
        return Currency.getInstance(code);
      } catch (IllegalArgumentException e) {
        // not an ISO 4217 code: reported below
      }
    }
    throw new InvalidArgumentException(
        "'currency' must be an ISO 4217 code of 3 capital letters (EUR, USD), got '" + code + "'");
  }

  private static BigDecimal amount(BigDecimal amount, Currency currency) {
    if (amount.signum() <= 0) {
      throw new InvalidArgumentException("'amount' must be greater than 0, got " + amount);
    }
    if (amount.compareTo(MAX_AMOUNT) > 0) {
      throw new InvalidArgumentException(
          "'amount' must be at most " + MAX_AMOUNT + ", got " + amount);
    }
    int decimals = Math.max(currency.getDefaultFractionDigits(), 0);
    BigDecimal normalized = amount.stripTrailingZeros();
    if (normalized.scale() > decimals) {
      throw new InvalidArgumentException(
          "'amount' has more than "
              + decimals
              + " decimal(s), which "
              + currency.getCurrencyCode()
              + " does not allow: "
              + amount);
    }
    return normalized.setScale(decimals);
  }
}
