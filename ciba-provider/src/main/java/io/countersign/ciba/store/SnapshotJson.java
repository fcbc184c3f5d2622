package io.countersign.ciba.store;

import io.countersign.ciba.approval.ApprovalSnapshot;
import io.countersign.ciba.approval.ApprovalState;
import io.countersign.ciba.approval.Vote;
import io.countersign.ciba.binding.BindingMessage;
import io.countersign.ciba.details.McpToolCall;
import io.countersign.ciba.details.McpToolCallValidator;
import io.countersign.ciba.details.ToolArguments;
import io.countersign.ciba.details.Validation;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * An {@link ApprovalSnapshot} as the JSON stored in {@code approval_request.snapshot}, and back.
 * Arguments are kept as their exact JSON text, so no number changes on the way through the
 * database.
 */
public final class SnapshotJson {

  private SnapshotJson() {}

  public static String write(ApprovalSnapshot s) {
    JsonArrayBuilder votes = Json.createArrayBuilder();
    for (Vote vote : s.votes()) {
      JsonObjectBuilder v =
          Json.createObjectBuilder()
              .add("approver", vote.approver())
              .add("kind", vote.kind().name())
              .add("groups", Json.createArrayBuilder(vote.groups().stream().sorted().toList()))
              .add("at", vote.at().toString())
              .add("superseded", vote.superseded());
      vote.argumentsSha256().ifPresent(d -> v.add("arguments_sha256", d));
      vote.reason().ifPresent(r -> v.add("reason", r));
      votes.add(v);
    }
    JsonObjectBuilder json =
        Json.createObjectBuilder()
            .add("id", s.id().toString())
            .add("client_id", s.clientId())
            .add("details", s.details().toJson().toString())
            .add("created_at", s.createdAt().toString())
            .add("expires_at", s.expiresAt().toString())
            .add("state", s.state().name())
            .add("current_arguments", s.currentArguments().json())
            .add("votes", votes)
            .add("reminders_sent", s.remindersSent())
            .add("escalation_steps_taken", s.stepsTaken());
    s.requester().ifPresent(r -> json.add("requester", r));
    s.bindingMessage().ifPresent(m -> json.add("binding_message", m.value()));
    return json.build().toString();
  }

  public static ApprovalSnapshot read(String text) {
    JsonObject json;
    try (var reader = Json.createReader(new StringReader(text))) {
      json = reader.readObject();
    }
    Validation<McpToolCall> details = McpToolCallValidator.validate(json.getString("details"));
    if (!(details instanceof Validation.Valid<McpToolCall> valid)) {
      throw new IllegalStateException("a stored approval request has invalid details: " + details);
    }
    List<Vote> votes = new ArrayList<>();
    for (JsonValue value : json.getJsonArray("votes")) {
      JsonObject v = value.asJsonObject();
      votes.add(
          new Vote(
              v.getString("approver"),
              Vote.Kind.valueOf(v.getString("kind")),
              Set.copyOf(v.getJsonArray("groups").getValuesAs(jakarta.json.JsonString::getString)),
              Optional.ofNullable(v.getString("arguments_sha256", null)),
              Optional.ofNullable(v.getString("reason", null)),
              Instant.parse(v.getString("at")),
              v.getBoolean("superseded")));
    }
    return new ApprovalSnapshot(
        UUID.fromString(json.getString("id")),
        json.getString("client_id"),
        Optional.ofNullable(json.getString("requester", null)),
        valid.value(),
        Optional.ofNullable(json.getString("binding_message", null)).map(BindingMessage::of),
        Instant.parse(json.getString("created_at")),
        Instant.parse(json.getString("expires_at")),
        ApprovalState.valueOf(json.getString("state")),
        ToolArguments.of(json.getString("current_arguments")),
        votes,
        json.getInt("reminders_sent", 0),
        json.getInt("escalation_steps_taken", 0));
  }
}
