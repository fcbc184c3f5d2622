package io.countersign.ciba.details;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How risky a held tool call is, as the policy that held it says; shown to approvers. */
public enum Risk {
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL;

  /** The name in JSON: {@code low}, {@code medium}, {@code high} or {@code critical}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The risk whose {@link #wireName()} is exactly {@code name}, if any. */
  public static Optional<Risk> fromWireName(String name) {
    return Arrays.stream(values()).filter(risk -> risk.wireName().equals(name)).findFirst();
  }
}
