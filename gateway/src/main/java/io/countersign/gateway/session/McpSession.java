package io.countersign.gateway.session;

import io.countersign.gateway.jsonrpc.Jsonp;
import io.countersign.tenant.AgentPrincipal;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.List;

/**
 * A client's MCP session: bound to one agent of one tenant, to the negotiated version, and to the
 * capabilities the client declared at {@code initialize} (JSON text).
 */
public record McpSession(
    String id, AgentPrincipal agent, String protocolVersion, String clientCapabilities) {

  /**
   * The client capabilities the gateway offers an upstream on this session's behalf: those whose
   * requests it relays back to this client (Lifecycle, "Capability Negotiation").
   */
  static final List<String> RELAYED = List.of("elicitation", "sampling", "roots");

  /**
   * MCP 2026-07-28: the agent's session behind its stateless requests ({@link SessionStore#modern})
   * has this version.
   */
  public static final String MODERN = "2026-07-28";

  /**
   * The client capabilities of that session: everything the gateway can bridge to a 2026-07-28
   * client as an input-required result. Whether one request's client takes it is decided per
   * request from its own {@code _meta}; what it did not declare is refused to the upstream.
   */
  public static final String MODERN_CAPABILITIES =
      "{\"elicitation\":{\"form\":{},\"url\":{}},\"sampling\":{},\"roots\":{}}";

  public McpSession(String id, AgentPrincipal agent, String protocolVersion) {
    this(id, agent, protocolVersion, "{}");
  }

  public String tenantId() {
    return agent.tenantId();
  }

  /** Whether this is the session behind an agent's 2026-07-28 requests. */
  public boolean modern() {
    return MODERN.equals(protocolVersion);
  }

  /**
   * The capabilities to declare to an upstream: the client's own, where the gateway relays them.
   */
  public JsonObject upstreamCapabilities() {
    JsonObject declared;
    try (var reader =
        Jsonp.createReader(
            new StringReader(clientCapabilities == null ? "{}" : clientCapabilities))) {
      JsonValue value = reader.readValue();
      if (value.getValueType() != JsonValue.ValueType.OBJECT) {
        return JsonValue.EMPTY_JSON_OBJECT;
      }
      declared = value.asJsonObject();
    } catch (JsonException e) {
      return JsonValue.EMPTY_JSON_OBJECT;
    }
    return relayed(declared);
  }

  /** Of the capabilities a client declared, those whose requests the gateway relays or bridges. */
  public static JsonObject relayed(JsonObject declared) {
    JsonObjectBuilder offered = Jsonp.createObjectBuilder();
    for (String capability : RELAYED) {
      JsonValue value = declared.get(capability);
      if (value != null && value.getValueType() == JsonValue.ValueType.OBJECT) {
        offered.add(capability, value);
      }
    }
    return offered.build();
  }
}
