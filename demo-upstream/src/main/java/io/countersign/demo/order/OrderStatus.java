package io.countersign.demo.order;

import java.util.Set;

/** The statuses an order can have in the demo data. */
public final class OrderStatus {

  public static final Set<String> ALL =
      Set.of("pending", "paid", "shipped", "delivered", "cancelled", "refunded");

  private OrderStatus() {}
}
