package io.countersign.gateway.hold;

import io.countersign.gateway.jsonrpc.Jsonp;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.Optional;

/**
 * What a held call's backchannel authentication request (CIBA Core 1.0, section 7.1) carries, fixed
 * when the call is held and stored with it: the {@code mcp_tool_call} authorization details, the
 * login hint naming the first approver group, the binding message and the requested expiry. The
 * client notification token is not part of it: each attempt makes a new one.
 */
public record BackchannelRequest(
    String authorizationDetails, String loginHint, String bindingMessage, long requestedExpiry) {

  public String toJson() {
    return Jsonp.createObjectBuilder()
        .add("authorization_details", authorizationDetails)
        .add("login_hint", loginHint)
        .add("binding_message", bindingMessage)
        .add("requested_expiry", requestedExpiry)
        .build()
        .toString();
  }

  /** The stored form read back; empty when it is missing or damaged (the call then fails). */
  public static Optional<BackchannelRequest> parse(String json) {
    try {
      JsonObject o = Jsonp.createReader(new StringReader(json)).readObject();
      return Optional.of(
          new BackchannelRequest(
              o.getString("authorization_details"),
              o.getString("login_hint"),
              o.getString("binding_message"),
              o.getJsonNumber("requested_expiry").longValueExact()));
    } catch (JsonException | ClassCastException | NullPointerException | ArithmeticException e) {
      return Optional.empty();
    }
  }
}
