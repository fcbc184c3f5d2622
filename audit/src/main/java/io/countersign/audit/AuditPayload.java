package io.countersign.audit;

import java.util.Objects;

/**
 * Data an event refers to that may hold personal data: a tool call's arguments or its result, as
 * JSON text. It is stored beside the log, and the leaf carries only a salted commitment to it, so
 * that it can be erased without breaking the tree.
 */
public record AuditPayload(String kind, String json) {

  public static final String ARGUMENTS = "arguments";
  public static final String RESULT = "result";

  public AuditPayload {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(json, "json");
  }

  public static AuditPayload arguments(String json) {
    return new AuditPayload(ARGUMENTS, json);
  }

  public static AuditPayload result(String json) {
    return new AuditPayload(RESULT, json);
  }
}
