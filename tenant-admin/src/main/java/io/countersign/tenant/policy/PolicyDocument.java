package io.countersign.tenant.policy;

import io.countersign.tenant.policy.PolicyVerdict.GroupQuorum;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A policy as stored in {@code policy_version.document}: canonical JSON, so that an unchanged
 * policy has an unchanged digest and a re-import adds no version.
 *
 * <pre>{"default":{"action":"deny","reason":"..."},
 *  "rules":[{"action":"require_approval","approval":{"groups":[{"count":1,"group":"finance"}],
 *            "timeout":"PT15M"},"name":"big-charges","when":"..."}]}</pre>
 */
public record PolicyDocument(String json, String digest) {

  /** The canonical document of {@code policy}. */
  public static PolicyDocument of(PolicyDefinition policy) {
    JsonArrayBuilder rules = Json.createArrayBuilder();
    for (RuleDefinition rule : policy.rules()) {
      rules.add(action(rule.action()).add("name", rule.name()).add("when", rule.when()));
    }
    JsonObject document =
        Json.createObjectBuilder()
            .add("default", action(policy.defaultAction()))
            .add("rules", rules)
            .build();
    String json = CanonicalJson.write(document);
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
    return new PolicyDefinition(action(document.getJsonObject("default")), rules);
  }

  private static JsonObjectBuilder action(RuleAction action) {
    JsonObjectBuilder json = Json.createObjectBuilder().add("action", action.name());
    if (action instanceof RuleAction.Deny deny) {
      json.add("reason", deny.reason());
    } else if (action instanceof RuleAction.Confirm confirm) {
      confirm.message().ifPresent(message -> json.add("message", message));
    } else if (action instanceof RuleAction.RequireApproval approval) {
      JsonArrayBuilder groups = Json.createArrayBuilder();
      approval
          .groups()
          .forEach(
              q ->
                  groups.add(
                      Json.createObjectBuilder().add("count", q.count()).add("group", q.group())));
      json.add(
          "approval",
          Json.createObjectBuilder()
              .add("groups", groups)
              .add("timeout", approval.timeout().toString()));
    }
    return json;
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
            json.containsKey("message")
                ? java.util.Optional.of(json.getString("message"))
                : java.util.Optional.empty());
      case "require_approval":
        JsonObject approval = json.getJsonObject("approval");
        List<GroupQuorum> groups = new ArrayList<>();
        for (JsonValue group : approval.getJsonArray("groups")) {
          JsonObject quorum = group.asJsonObject();
          groups.add(new GroupQuorum(quorum.getString("group"), quorum.getInt("count")));
        }
        return new RuleAction.RequireApproval(
            groups, Duration.parse(approval.getString("timeout")));
      default:
        throw new IllegalArgumentException("unknown policy action '" + name + "'");
    }
  }
}
