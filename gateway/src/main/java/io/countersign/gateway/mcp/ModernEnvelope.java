package io.countersign.gateway.mcp;

import io.countersign.gateway.jsonrpc.JsonRpcMessage;
import io.countersign.gateway.jsonrpc.JsonRpcMessage.Request;
import io.countersign.gateway.jsonrpc.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which era a POSTed message belongs to, and whether a 2026-07-28 request is well formed: MCP
 * 2026-07-28 has no session; every request names its protocol version, client and capabilities in
 * {@code _meta} and repeats the version, its method and (for {@code tools/call}, {@code
 * prompts/get}, {@code resources/read}) its name in HTTP headers, which must match the body.
 */
public final class ModernEnvelope {

  static final String META_VERSION = "io.modelcontextprotocol/protocolVersion";
  static final String META_CLIENT_INFO = "io.modelcontextprotocol/clientInfo";
  static final String META_CAPABILITIES = "io.modelcontextprotocol/clientCapabilities";

  public static final String VERSION_HEADER = "MCP-Protocol-Version";
  public static final String METHOD_HEADER = "Mcp-Method";
  public static final String NAME_HEADER = "Mcp-Name";

  /** 2026-07-28: a required header is missing or disagrees with the body. */
  public static final int HEADER_MISMATCH = -32020;

  /** 2026-07-28: the requested protocol version is not supported. */
  public static final int UNSUPPORTED_VERSION = -32022;

  private ModernEnvelope() {}

  /** What the message is. */
  public sealed interface Reading {}

  /** A legacy-era message: initialize, a session's traffic, notifications and responses. */
  public record Legacy() implements Reading {}

  /** A 2026-07-28 request that is malformed: answer {@code response} with {@code httpStatus}. */
  public record Refused(int httpStatus, JsonObject response) implements Reading {}

  /** A well-formed 2026-07-28 request. */
  public record Modern(Request request, JsonValue clientInfo, JsonObject clientCapabilities)
      implements Reading {}

  /**
   * Reads a message and its headers ({@code header} answers a header's value, or null). A request
   * is 2026-07-28 when its {@code _meta} names a protocol version or its version header names
   * 2026-07-28 or later; everything else is left to the legacy session code.
   */
  public static Reading read(JsonRpcMessage message, Function<String, String> header) {
    if (!(message instanceof Request request)) {
      return new Legacy();
    }
    JsonObject meta =
        request.params().get("_meta") instanceof JsonObject object
            ? object
            : JsonValue.EMPTY_JSON_OBJECT;
    JsonValue claimed = meta.get(META_VERSION);
    String versionHeader = header.apply(VERSION_HEADER);
    boolean headerClaims = versionHeader != null && versionHeader.trim().compareTo("2026") >= 0;
    if (claimed == null && !headerClaims) {
      return new Legacy();
    }
    if (!(claimed instanceof JsonString version)) {
      return refused(
          400,
          request,
          invalidParams(
              "the request claims protocol revision "
                  + (claimed == null ? versionHeader.trim() : claimed)
                  + " but its _meta lacks the string '"
                  + META_VERSION
                  + "'"));
    }
    // Streamable HTTP, "Protocol Version Header": the header MUST match the _meta version, else
    // 400 HeaderMismatch. Checked before the version itself: until the two agree there is no one
    // requested version to answer UnsupportedProtocolVersion (-32022, versioning.mdx) for.
    Optional<String> versionMismatch = versionMismatch(version.getString(), header);
    if (versionMismatch.isPresent()) {
      return refused(400, request, headerMismatch(versionMismatch.get()));
    }
    if (!ProtocolVersions.V2026_07_28.equals(version.getString())) {
      return refused(400, request, unsupported(version.getString()));
    }
    if (!(meta.get(META_CAPABILITIES) instanceof JsonObject capabilities)) {
      return refused(
          400,
          request,
          invalidParams("_meta must carry '" + META_CAPABILITIES + "' (an object; {} for none)"));
    }
    Optional<String> mismatch = mismatch(request, version.getString(), header);
    if (mismatch.isPresent()) {
      return refused(400, request, headerMismatch(mismatch.get()));
    }
    return new Modern(request, meta.getOrDefault(META_CLIENT_INFO, JsonValue.NULL), capabilities);
  }

  /** The client capabilities a 2026-07-28 request declares in its {@code _meta}. */
  static Optional<JsonObject> clientCapabilities(Request request) {
    return request.params().get("_meta") instanceof JsonObject meta
            && meta.get(META_CAPABILITIES) instanceof JsonObject capabilities
        ? Optional.of(capabilities)
        : Optional.empty();
  }

  /** The first header that is missing or disagrees with the body, in words. */
  static Optional<String> mismatch(
      Request request, String version, Function<String, String> header) {
    Optional<String> versionMismatch = versionMismatch(version, header);
    if (versionMismatch.isPresent()) {
      return versionMismatch;
    }
    Optional<String> method = compare(METHOD_HEADER, header.apply(METHOD_HEADER), request.method());
    if (method.isPresent()) {
      return method;
    }
    Optional<String> named = namedBy(request);
    return named.isEmpty()
        ? Optional.empty()
        : compare(NAME_HEADER, header.apply(NAME_HEADER), named.get());
  }

  private static Optional<String> versionMismatch(String version, Function<String, String> header) {
    String versionHeader = header.apply(VERSION_HEADER);
    if (versionHeader == null) {
      return Optional.of(VERSION_HEADER + " header is missing");
    }
    if (!versionHeader.trim().equals(version)) {
      return Optional.of(
          VERSION_HEADER
              + " header value '"
              + versionHeader.trim()
              + "' does not match body value '"
              + version
              + "'");
    }
    return Optional.empty();
  }

  /** What {@code Mcp-Name} must carry for this request, if it needs one. */
  static Optional<String> namedBy(Request request) {
    String field =
        switch (request.method()) {
          case "tools/call", "prompts/get" -> "name";
          case "resources/read" -> "uri";
          case "tasks/get", "tasks/update", "tasks/cancel" -> "taskId";
          default -> null;
        };
    if (field == null) {
      return Optional.empty();
    }
    return Optional.of(
        request.params().get(field) instanceof JsonString value ? value.getString() : "");
  }

  private static Optional<String> compare(String name, String value, String body) {
    if (value == null) {
      return Optional.of(name + " header is missing");
    }
    Optional<String> decoded = decode(value.trim());
    if (decoded.isEmpty()) {
      return Optional.of(name + " header is not a valid encoded value");
    }
    return decoded.get().equals(body)
        ? Optional.empty()
        : Optional.of(
            name
                + " header value '"
                + printable(decoded.get())
                + "' does not match body value '"
                + printable(body)
                + "'");
  }

  /** Plain ASCII as is; {@code =?base64?...?=} decoded as UTF-8. */
  static Optional<String> decode(String value) {
    if (value.startsWith("=?base64?") && value.endsWith("?=") && value.length() >= 11) {
      try {
        byte[] bytes = Base64.getDecoder().decode(value.substring(9, value.length() - 2));
        return Optional.of(new String(bytes, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
    return Optional.of(value);
  }

  private static String printable(String text) {
    String shown = text.length() > 100 ? text.substring(0, 100) + "..." : text;
    return shown.replaceAll("\\p{Cntrl}", "?");
  }

  /** -32022 with the versions this endpoint speaks, as 2026-07-28 defines it. */
  static JsonObject unsupported(String requested) {
    var supported = Jsonp.createArrayBuilder(ProtocolVersions.advertised());
    return Jsonp.createObjectBuilder()
        .add("code", UNSUPPORTED_VERSION)
        .add("message", "Unsupported protocol version: " + requested)
        .add(
            "data",
            Jsonp.createObjectBuilder().add("supported", supported).add("requested", requested))
        .build();
  }

  private static JsonObject headerMismatch(String detail) {
    return error(HEADER_MISMATCH, "Header mismatch: " + detail);
  }

  private static JsonObject invalidParams(String detail) {
    return error(-32602, "Invalid params: " + detail);
  }

  private static JsonObject error(int code, String message) {
    return Jsonp.createObjectBuilder().add("code", code).add("message", message).build();
  }

  private static Refused refused(int status, Request request, JsonObject error) {
    return new Refused(
        status,
        Jsonp.createObjectBuilder()
            .add("jsonrpc", "2.0")
            .add("id", request.id())
            .add("error", error)
            .build());
  }
}
