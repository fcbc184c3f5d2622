package io.countersign.ciba.details;

import io.countersign.ciba.binding.BindingCode;
import io.countersign.ciba.quorum.QuorumRule;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An {@code authorization_details} entry (RFC 9396) of type {@value #TYPE}: the exact MCP tool call
 * a request asks approvers to allow. Published as {@code schema/mcp_tool_call.schema.json}; {@link
 * McpToolCallValidator} reads untrusted JSON into this record and {@link #toJson()} writes it back
 * (they are inverses).
 *
 * @param tenant the tenant the call belongs to
 * @param upstream the upstream MCP server's name in that tenant
 * @param tool the tool's name at its upstream
 * @param arguments the call's arguments, with their digest ({@code arguments}, {@code
 *     arguments_sha256})
 * @param risk the risk the policy gave the call
 * @param summary a plain-language sentence for approvers; never secrets
 * @param policyRule the name of the policy rule that held the call ({@code policy_rule})
 * @param quorum who must approve ({@code quorum}, text form)
 * @param bindingCode the code shown to the agent's user, if any ({@code binding_code})
 * @param followUp reminders and escalation steps while the request waits ({@code
 *     reminder_interval}, {@code escalation}); {@link FollowUp#NONE} when the rule has none
 * @param triggers why the call was held and what makes it risky, one short line each, e.g. {@code
 *     policy rule mass-email: size(args.to) > 10} ({@code triggers}, left out when empty)
 */
public record McpToolCall(
    String tenant,
    String upstream,
    String tool,
    ToolArguments arguments,
    Risk risk,
    String summary,
    String policyRule,
    QuorumRule quorum,
    Optional<BindingCode> bindingCode,
    FollowUp followUp,
    List<String> triggers) {

  /** The {@code type} of this kind of authorization details. */
  public static final String TYPE = "mcp_tool_call";

  /** Tenant identifiers, as tenant bundles define them. */
  public static final String TENANT_PATTERN = "^[a-z0-9][a-z0-9-]{1,62}$";

  /** Upstream names, as tenant bundles define them (no {@code __}, the gateway's separator). */
  public static final String UPSTREAM_PATTERN = "^(?!.*__)[a-z0-9][a-z0-9_-]{0,30}$";

  /** Policy rule names, including {@code default} for a policy's default action. */
  public static final String POLICY_RULE_PATTERN = "^[a-z0-9][a-z0-9_-]{0,99}$";

  /** Lowercase hex SHA-256. */
  public static final String SHA256_PATTERN = "^[0-9a-f]{64}$";

  /** Longest tool name (the MCP specification's recommended limit). */
  public static final int TOOL_MAX_LENGTH = 128;

  /** Tool names and summaries are not blank (a JSON Schema pattern is a search, not a match). */
  public static final String NOT_BLANK_PATTERN = "\\S";

  /** Longest summary. */
  public static final int SUMMARY_MAX_LENGTH = 500;

  /** Most triggers. */
  public static final int TRIGGERS_MAX_ITEMS = 10;

  /** Longest trigger. */
  public static final int TRIGGER_MAX_LENGTH = 200;

  static final Pattern TENANT = Pattern.compile(TENANT_PATTERN);
  static final Pattern UPSTREAM = Pattern.compile(UPSTREAM_PATTERN);
  static final Pattern POLICY_RULE = Pattern.compile(POLICY_RULE_PATTERN);
  static final Pattern SHA256 = Pattern.compile(SHA256_PATTERN);

  public McpToolCall {
    require(tenant != null && TENANT.matcher(tenant).matches(), "tenant", tenant);
    require(upstream != null && UPSTREAM.matcher(upstream).matches(), "upstream", upstream);
    require(tool != null && fits(tool, TOOL_MAX_LENGTH), "tool", tool);
    require(summary != null && fits(summary, SUMMARY_MAX_LENGTH), "summary", summary);
    require(
        policyRule != null && POLICY_RULE.matcher(policyRule).matches(), "policy_rule", policyRule);
    Objects.requireNonNull(arguments, "arguments");
    Objects.requireNonNull(risk, "risk");
    Objects.requireNonNull(quorum, "quorum");
    Objects.requireNonNull(bindingCode, "bindingCode");
    Objects.requireNonNull(followUp, "followUp");
    triggers = List.copyOf(triggers);
    require(triggers.size() <= TRIGGERS_MAX_ITEMS, "triggers", triggers.toString());
    for (String trigger : triggers) {
      require(fits(trigger, TRIGGER_MAX_LENGTH), "trigger", trigger);
    }
  }

  /** A call without triggers. */
  public McpToolCall(
      String tenant,
      String upstream,
      String tool,
      ToolArguments arguments,
      Risk risk,
      String summary,
      String policyRule,
      QuorumRule quorum,
      Optional<BindingCode> bindingCode,
      FollowUp followUp) {
    this(
        tenant,
        upstream,
        tool,
        arguments,
        risk,
        summary,
        policyRule,
        quorum,
        bindingCode,
        followUp,
        List.of());
  }

  /** A call whose rule has no reminders or escalation. */
  public McpToolCall(
      String tenant,
      String upstream,
      String tool,
      ToolArguments arguments,
      Risk risk,
      String summary,
      String policyRule,
      QuorumRule quorum,
      Optional<BindingCode> bindingCode) {
    this(
        tenant,
        upstream,
        tool,
        arguments,
        risk,
        summary,
        policyRule,
        quorum,
        bindingCode,
        FollowUp.NONE);
  }

  static boolean fits(String text, int maxLength) {
    return !text.isBlank() && text.codePointCount(0, text.length()) <= maxLength;
  }

  private static void require(boolean valid, String field, String value) {
    if (!valid) {
      throw new IllegalArgumentException("invalid " + field + ": '" + value + "'");
    }
  }

  /** {@code arguments_sha256}: lowercase hex SHA-256 of the canonical arguments. */
  public String argumentsSha256() {
    return arguments.sha256();
  }

  /** The same call with other arguments, e.g. those an approver edited. */
  public McpToolCall withArguments(ToolArguments edited) {
    return new McpToolCall(
        tenant,
        upstream,
        tool,
        edited,
        risk,
        summary,
        policyRule,
        quorum,
        bindingCode,
        followUp,
        triggers);
  }

  /** The JSON form, as the schema describes it. */
  public JsonObject toJson() {
    JsonObjectBuilder json =
        Json.createObjectBuilder()
            .add("type", TYPE)
            .add("tenant", tenant)
            .add("upstream", upstream)
            .add("tool", tool)
            .add("arguments", arguments.asJsonObject())
            .add("arguments_sha256", arguments.sha256())
            .add("risk", risk.wireName())
            .add("summary", summary)
            .add("policy_rule", policyRule)
            .add("quorum", quorum.toString());
    bindingCode.ifPresent(code -> json.add("binding_code", code.value()));
    followUp.addTo(json);
    if (!triggers.isEmpty()) {
      json.add("triggers", Json.createArrayBuilder(triggers));
    }
    return json.build();
  }
}
