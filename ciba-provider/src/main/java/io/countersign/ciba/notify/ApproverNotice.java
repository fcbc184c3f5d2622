package io.countersign.ciba.notify;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What approvers are told about a request, in every channel: its plain-language summary (the policy
 * writes it and it never holds secrets; an agent may influence parts of it, so channels treat it as
 * untrusted text), risk, expiry and binding code, and where the approver app shows it. Never the
 * arguments, a token or the {@code auth_req_id}.
 *
 * @param recipients the approvers told (the webhook lists them; empty in a per-approver notice)
 */
public record ApproverNotice(
    NoticeKind kind,
    String tenant,
    UUID requestId,
    String summary,
    String risk,
    Instant expiresAt,
    Optional<String> bindingCode,
    List<String> recipients) {

  public ApproverNotice {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(risk, "risk");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(bindingCode, "bindingCode");
    recipients = List.copyOf(recipients);
  }

  /** The same notice without the list of recipients (for one approver's push or e-mail). */
  public ApproverNotice alone() {
    return new ApproverNotice(
        kind, tenant, requestId, summary, risk, expiresAt, bindingCode, List.of());
  }

  /**
   * Where the approver app opens this request, relative to the public base URL. The link only opens
   * the app: deciding needs the approver to sign in.
   */
  public String path() {
    return "/t/" + tenant + "/approve/#/requests/" + requestId;
  }

  /** The time left before the request expires; zero once it has. */
  public Duration timeLeft(Instant now) {
    Duration left = Duration.between(now, expiresAt);
    return left.isNegative() ? Duration.ZERO : left;
  }

  /** The summary on one line (no control characters) and at most {@code max} characters. */
  public String summaryLine(int max) {
    String line = summary.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ").strip();
    return line.length() <= max ? line : line.substring(0, max - 1).stripTrailing() + "…";
  }

  public String toJson() {
    JsonArrayBuilder told = Json.createArrayBuilder();
    recipients.forEach(told::add);
    JsonObjectBuilder json =
        Json.createObjectBuilder()
            .add("kind", kind.word())
            .add("tenant", tenant)
            .add("request_id", requestId.toString())
            .add("summary", summary)
            .add("risk", risk)
            .add("expires_at", expiresAt.toString())
            .add("recipients", told);
    bindingCode.ifPresent(code -> json.add("binding_code", code));
    return json.build().toString();
  }

  public static ApproverNotice parse(String json) {
    try (JsonReader reader = Json.createReader(new StringReader(json))) {
      JsonObject o = reader.readObject();
      return new ApproverNotice(
          NoticeKind.of(o.getString("kind")),
          o.getString("tenant"),
          UUID.fromString(o.getString("request_id")),
          o.getString("summary"),
          o.getString("risk"),
          Instant.parse(o.getString("expires_at")),
          Optional.ofNullable(o.getString("binding_code", null)),
          o.getJsonArray("recipients").getValuesAs(JsonString.class).stream()
              .map(JsonString::getString)
              .toList());
    }
  }
}
