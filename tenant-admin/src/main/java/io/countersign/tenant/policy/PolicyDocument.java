package io.countersign.tenant.policy;

import io.countersign.tenant.policy.PolicyVerdict.GroupQuorum;
import io.countersign.tenant.summary.SummaryTemplate;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A policy as stored in {@code policy_version.document}: canonical JSON, so that an unchanged
 * policy has an unchanged digest and a re-import adds no version.
 *
 * <pre>{"default":{"action":"deny","reason":"..."},
 *  "rules":[{"action":"require_approval","approval":{"groups":[{"count":1,"group":"finance"}],
 *            "timeout":"PT15M"},"name":"big-charges","risk":"high","when":"..."}],
 *  "summaries":{"shop__refund":"Refund {args.amount} {args.currency}"}}</pre>
 *
 * <p>Members added later ({@code risk}, {@code summaries}, {@code remindEvery}, {@code escalation})
 * are written only when used, so a policy without them keeps the document, and the digest, it had
 * before they existed.
 */
public record PolicyDocument(String json, String digest) {

  /** The canonical document of {@code policy}. */
  public static PolicyDocument of(PolicyDefinition policy) {
    JsonArrayBuilder rules = Json.createArrayBuilder();
    for (RuleDefinition rule : policy.rules()) {
      rules.add(action(rule.action()).add("name", rule.name()).add("when", rule.when()));
    }
    JsonObjectBuilder document =
        Json.createObjectBuilder()
            .add("default", action(policy.defaultAction()))
            .add("rules", rules);
    if (!policy.summaries().isEmpty()) {
      JsonObjectBuilder summaries = Json.createObjectBuilder();
      policy.summaries().forEach((tool, template) -> summaries.add(tool, template.text()));
      document.add("summaries", summaries);
    }
    String json = CanonicalJson.write(document.build());
    return new PolicyDocument(json, CanonicalJson.digest(json));
  }

  /**
   * Reads a stored document back.
   *
   * @throws IllegalArgumentException when the document is not one {@link #of} wrote
   */
  public static PolicyDefinition read(String json) {
    try (JsonReader reader = Json.createReader(new StringReader(json))) {
      return definition(reader.readObject());
    } catch (JsonException | NullPointerException | ClassCastException e) {
      throw new IllegalArgumentException("malformed policy document: " + e.getMessage(), e);
    }
  }

  private static PolicyDefinition definition(JsonObject document) {
    List<RuleDefinition> rules = new ArrayList<>();
    for (JsonValue value : document.getJsonArray("rules")) {
      JsonObject rule = value.asJsonObject();
      rules.add(new RuleDefinition(rule.getString("name"), rule.getString("when"), action(rule)));
    }
    Map<String, SummaryTemplate> summaries = new TreeMap<>();
    JsonObject written = document.getJsonObject("summaries");
    if (written != null) {
      written.forEach(
          (tool, template) ->
              summaries.put(tool, SummaryTemplate.of(((JsonString) template).getString())));
    }
    return new PolicyDefinition(action(document.getJsonObject("default")), rules, summaries);
  }

  private static JsonObjectBuilder action(RuleAction action) {
    JsonObjectBuilder json = Json.createObjectBuilder().add("action", action.name());
    if (action instanceof RuleAction.Deny deny) {
      json.add("reason", deny.reason());
    } else if (action instanceof RuleAction.Confirm confirm) {
      confirm.message().ifPresent(message -> json.add("message", message));
      confirm.risk().ifPresent(risk -> json.add("risk", risk.word()));
    } else if (action instanceof RuleAction.RequireApproval approval) {
      approval.risk().ifPresent(risk -> json.add("risk", risk.word()));
      JsonArrayBuilder groups = quorums(approval.groups());
      JsonObjectBuilder approvalJson =
          Json.createObjectBuilder()
              .add("groups", groups)
              .add("timeout", approval.timeout().toString());
      followUp(approval.followUp(), approvalJson);
      json.add("approval", approvalJson);
    }
    return json;
  }

  /** Adds {@code remindEvery} and {@code escalation} when there are any (older documents: none). */
  private static void followUp(ApprovalFollowUp followUp, JsonObjectBuilder approval) {
    followUp.remindEvery().ifPresent(every -> approval.add("remindEvery", every.toString()));
    if (followUp.escalation().isEmpty()) {
      return;
    }
    JsonArrayBuilder steps = Json.createArrayBuilder();
    for (ApprovalFollowUp.Step step : followUp.escalation()) {
      JsonObjectBuilder json = Json.createObjectBuilder().add("after", step.after().toString());
      if (!step.notifyGroups().isEmpty()) {
        json.add("notify", Json.createArrayBuilder(step.notifyGroups()));
      }
      if (!step.add().isEmpty()) {
        json.add("add", quorums(step.add()));
      }
      steps.add(json);
    }
    approval.add("escalation", steps);
  }

  private static JsonArrayBuilder quorums(List<GroupQuorum> quorums) {
    JsonArrayBuilder groups = Json.createArrayBuilder();
    quorums.forEach(
        q ->
            groups.add(Json.createObjectBuilder().add("count", q.count()).add("group", q.group())));
    return groups;
  }

  private static List<GroupQuorum> quorums(JsonArray json) {
    List<GroupQuorum> groups = new ArrayList<>();
    for (JsonValue group : json) {
      JsonObject quorum = group.asJsonObject();
      groups.add(new GroupQuorum(quorum.getString("group"), quorum.getInt("count")));
    }
    return groups;
  }

  private static ApprovalFollowUp followUp(JsonObject approval) {
    List<ApprovalFollowUp.Step> steps = new ArrayList<>();
    if (approval.containsKey("escalation")) {
      for (JsonValue value : approval.getJsonArray("escalation")) {
        JsonObject step = value.asJsonObject();
        steps.add(
            new ApprovalFollowUp.Step(
                Duration.parse(step.getString("after")),
                step.containsKey("notify")
                    ? step.getJsonArray("notify").getValuesAs(JsonString::getString)
                    : List.of(),
                step.containsKey("add") ? quorums(step.getJsonArray("add")) : List.of()));
      }
    }
    return new ApprovalFollowUp(
        Optional.ofNullable(approval.getString("remindEvery", null)).map(Duration::parse), steps);
  }

  private static Optional<RiskLevel> risk(JsonObject action) {
    if (!action.containsKey("risk")) {
      return Optional.empty();
    }
    String word = action.getString("risk");
    return Optional.of(
        RiskLevel.of(word)
            .orElseThrow(() -> new IllegalArgumentException("unknown risk '" + word + "'")));
  }

  private static RuleAction action(JsonObject json) {
    String name = json.getString("action");
    switch (name) {
      case "allow":
        return new RuleAction.Allow();
      case "deny":
        return new RuleAction.Deny(json.getString("reason"));
      case "confirm":
        return new RuleAction.Confirm(
            json.containsKey("message") ? Optional.of(json.getString("message")) : Optional.empty(),
            risk(json));
      case "require_approval":
        JsonObject approval = json.getJsonObject("approval");
        return new RuleAction.RequireApproval(
            quorums(approval.getJsonArray("groups")),
            Duration.parse(approval.getString("timeout")),
            followUp(approval),
            risk(json));
      default:
        throw new IllegalArgumentException("unknown policy action '" + name + "'");
    }
  }
}
