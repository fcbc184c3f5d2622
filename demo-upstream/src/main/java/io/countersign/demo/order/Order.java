package io.countersign.demo.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** One row of {@code demo_order}. */
public record Order(
    long id, String customer, String status, BigDecimal total, String currency, Instant createdAt) {

  /** The order as it appears in {@code structuredContent}. */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", id);
    json.put("customer", customer);
    json.put("status", status);
    json.put("total", total);
    json.put("currency", currency);
    json.put("created_at", createdAt.toString());
    return json;
  }
}
