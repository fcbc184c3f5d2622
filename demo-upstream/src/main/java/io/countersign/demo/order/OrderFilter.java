package io.countersign.demo.order;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which orders a query or a delete applies to; absent parts match everything.
 *
 * @param createdBefore matches orders created strictly before this instant
 * @param createdAfter matches orders created strictly after this instant
 */
public record OrderFilter(
    Optional<String> status,
    Optional<String> customer,
    Optional<Instant> createdBefore,
    Optional<Instant> createdAfter) {

  public boolean isEmpty() {
    return status.isEmpty()
        && customer.isEmpty()
        && createdBefore.isEmpty()
        && createdAfter.isEmpty();
  }

  /** The SQL condition ({@code 1 = 1} when empty); {@link #parameters()} binds it in order. */
  String whereClause() {
    List<String> conditions = new ArrayList<>();
    status.ifPresent(s -> conditions.add("status = ?"));
    customer.ifPresent(c -> conditions.add("customer = ?"));
    createdBefore.ifPresent(t -> conditions.add("created_at < ?"));
    createdAfter.ifPresent(t -> conditions.add("created_at > ?"));
    return conditions.isEmpty() ? "1 = 1" : String.join(" AND ", conditions);
  }

  List<Object> parameters() {
    List<Object> parameters = new ArrayList<>();
    status.ifPresent(parameters::add);
    customer.ifPresent(parameters::add);
    createdBefore.ifPresent(parameters::add);
    createdAfter.ifPresent(parameters::add);
    return parameters;
  }
}
