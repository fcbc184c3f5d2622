package io.countersign.web.approvals;

import io.countersign.ciba.approval.ApprovalRequest;
import io.countersign.ciba.approval.Vote;
import io.countersign.ciba.details.McpToolCall;
import io.countersign.ciba.provider.Decisions;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Locale;

/** An approval request as the decision API shows it to an approver. */
public final class ApprovalJson {

  private ApprovalJson() {}

  public static JsonObject of(Decisions.Seen seen) {
    ApprovalRequest r = seen.request();
    McpToolCall call = r.details();
    JsonArrayBuilder votes = Json.createArrayBuilder();
    for (Vote vote : r.votes()) {
      JsonObjectBuilder v =
          Json.createObjectBuilder()
              .add("approver", vote.approver())
              .add("decision", vote.kind().name().toLowerCase(Locale.ROOT))
              .add("at", vote.at().toString())
              .add("superseded", vote.superseded());
      vote.reason().ifPresent(reason -> v.add("reason", reason));
      vote.argumentsSha256().ifPresent(d -> v.add("arguments_sha256", d));
      votes.add(v);
    }
    JsonObjectBuilder json =
        Json.createObjectBuilder()
            .add("id", r.id().toString())
            .add("state", r.state().name().toLowerCase(Locale.ROOT))
            .add("client_id", r.clientId())
            .add("created_at", r.createdAt().toString())
            .add("expires_at", r.expiresAt().toString())
            .add("upstream", call.upstream())
            .add("tool", call.tool())
            .add("summary", call.summary())
            .add("risk", call.risk().wireName())
            .add("triggers", Json.createArrayBuilder(call.triggers()))
            .add("policy_rule", call.policyRule())
            .add("quorum", call.quorum().toString())
            .add(
                "added_quorums",
                Json.createArrayBuilder(r.added().stream().map(Object::toString).toList()))
            .add("notified_groups", Json.createArrayBuilder(r.notifiedGroups()))
            .add("progress", r.progress().describe())
            .add("arguments", r.currentArguments().asJsonObject())
            .add("arguments_sha256", r.currentArguments().sha256())
            .add("votes", votes)
            .add("may_vote", seen.mayVote());
    if (!r.currentArguments().equals(call.arguments())) {
      json.add("original_arguments", call.arguments().asJsonObject());
    }
    r.requester().ifPresent(x -> json.add("requester", x));
    r.bindingMessage().ifPresent(m -> json.add("binding_message", m.value()));
    call.bindingCode().ifPresent(c -> json.add("binding_code", c.value()));
    return json.build();
  }
}
