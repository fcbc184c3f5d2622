package io.countersign.web.mcp;

import io.countersign.gateway.hold.HeldCallStore;
import io.countersign.gateway.hold.HeldCallWaiters;
import io.countersign.gateway.hold.HeldCalls;
import io.countersign.gateway.hold.HoldSettings;
import io.countersign.gateway.jsonrpc.JsonRpcError;
import io.countersign.gateway.jsonrpc.JsonRpcMessage;
import io.countersign.gateway.jsonrpc.JsonRpcMessage.Request;
import io.countersign.gateway.jsonrpc.ParseResult;
import io.countersign.gateway.mcp.FrontReply;
import io.countersign.gateway.mcp.McpFront;
import io.countersign.gateway.mcp.ModernEnvelope;
import io.countersign.gateway.mcp.ModernFront;
import io.countersign.gateway.mcp.ProtocolVersions;
import io.countersign.gateway.resume.ResumableStream;
import io.countersign.gateway.resume.ResumableStreams;
import io.countersign.gateway.resume.Resumption;
import io.countersign.gateway.session.McpSession;
import io.countersign.gateway.session.SessionStore;
import io.countersign.tenant.AgentPrincipal;
import io.countersign.web.mcp.McpAdmission.Admitted;
import io.countersign.web.mcp.McpAdmission.Refused;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * A tenant's MCP endpoint over Streamable HTTP (MCP 2025-06-18 and 2025-11-25, "Transports"): POST
 * carries messages, GET would open a server stream, DELETE ends a session. The same POST serves MCP
 * 2026-07-28, chosen per request from its {@code _meta} and headers ({@link ModernEnvelope}). This
 * class owns the HTTP statuses; what the messages mean is the gateway's {@link McpFront} and {@link
 * ModernFront}.
 */
@Path("t/{tenant}/mcp")
@ApplicationScoped
public class McpEndpoint {

  static final String SESSION_HEADER = "Mcp-Session-Id";
  static final String VERSION_HEADER = "MCP-Protocol-Version";
  static final String LAST_EVENT_ID_HEADER = "Last-Event-ID";
  private static final String EVENT_STREAM = "text/event-stream";

  @Inject McpAdmission admission;
  @Inject McpFront front;
  @Inject ModernFront modernFront;
  @Inject SessionStore sessions;
  @Inject HeldCallWaiters waiters;
  @Inject HeldCallStore heldCalls;
  @Inject HeldCalls desk;
  @Inject HoldSettings settings;
  @Inject ResumableStreams streams;

  @Inject
  @ConfigProperty(name = "countersign.mcp.max-body-bytes", defaultValue = "4194304")
  long maxBodyBytes;

  /**
   * Suspended (asynchronous) so that a held call waits without a thread: every other answer is
   * given at once with {@link AsyncResponse#resume}.
   */
  @POST
  @Operation(summary = "Send an MCP message (JSON-RPC) to the tenant's gateway")
  public void post(
      @PathParam("tenant") String tenant,
      @Context HttpHeaders headers,
      @Context UriInfo uri,
      @Context HttpServletRequest servletRequest,
      InputStream body,
      @Suspended AsyncResponse async) {
    Object answer;
    try {
      // the injected response is a proxy that reflects every call to this thread's response; the
      // relay flushes the real one after each event
      var response = (HttpServletResponse) servletRequest.getAsyncContext().getResponse();
      answer = answer(tenant, headers, uri, response, body);
    } catch (IOException | RuntimeException e) {
      async.resume(e);
      return;
    }
    if (answer instanceof Waiting waiting) {
      FrontReply.Held held = waiting.held();
      // the injected response is a proxy bound to this thread; the stream is written from others
      new HeldStream(
              held,
              servletRequest.getAsyncContext(),
              waiting.stream(),
              async,
              waiters,
              heldCalls,
              () -> desk.streamClosed(held.tenantId(), held.heldCallId()))
          .open(held.holdFor().orElse(settings.holdTime()));
      return;
    }
    async.resume(answer);
  }

  /** A held call to wait on, on a resumable stream where the session has them. */
  private record Waiting(FrontReply.Held held, Optional<ResumableStream> stream) {}

  /** The answer to one POST: a {@link Response}, or a held call to wait on ({@link Waiting}). */
  private Object answer(
      String tenant,
      HttpHeaders headers,
      UriInfo uri,
      HttpServletResponse servletResponse,
      InputStream body)
      throws IOException {
    var admitted = admission.admit(tenant, headers, uri);
    if (admitted instanceof Refused refused) {
      return refused.response();
    }
    AgentPrincipal agent = ((Admitted) admitted).agent();
    if (!accepts(headers, MediaType.APPLICATION_JSON) || !accepts(headers, EVENT_STREAM)) {
      return HttpRefusal.of(
          Response.Status.NOT_ACCEPTABLE,
          JsonRpcError.INVALID_REQUEST,
          "Not Acceptable: the client must accept both application/json and text/event-stream");
    }
    MediaType type = headers.getMediaType();
    if (type == null || !type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
      return HttpRefusal.of(
          Response.Status.UNSUPPORTED_MEDIA_TYPE,
          JsonRpcError.INVALID_REQUEST,
          "Unsupported Media Type: the body must be application/json");
    }
    Optional<String> text = readBounded(headers, body);
    if (text.isEmpty()) {
      return HttpRefusal.of(
          413,
          JsonRpcError.INVALID_REQUEST,
          "Payload Too Large: the body exceeds " + maxBodyBytes + " bytes");
    }
    ParseResult parsed = JsonRpcMessage.parse(text.get());
    if (parsed instanceof ParseResult.Malformed malformed) {
      return json(
          Response.Status.BAD_REQUEST, malformed.error().toResponse(malformed.id()).toString());
    }
    JsonRpcMessage message = (JsonRpcMessage) parsed;
    var reading = ModernEnvelope.read(message, headers::getHeaderString);
    if (reading instanceof ModernEnvelope.Refused refused) {
      return json(
          Response.Status.fromStatusCode(refused.httpStatus()), refused.response().toString());
    }
    if (reading instanceof ModernEnvelope.Modern modern) {
      var answer = modernFront.handle(agent, modern);
      if (answer.httpStatus() != 200) {
        return json(
            Response.Status.fromStatusCode(answer.httpStatus()),
            ((FrontReply.Message) answer.reply()).message().toString());
      }
      return answer.reply() instanceof FrontReply.Held held
          ? new Waiting(held, Optional.empty())
          : toHttp(answer.reply(), servletResponse, Optional.empty());
    }
    if (message instanceof Request request && "initialize".equals(request.method())) {
      return toHttp(front.initialize(agent, request), servletResponse, Optional.empty());
    }
    var session = session(agent, headers);
    if (session instanceof SessionRefused refused) {
      return refused.response();
    }
    McpSession found = ((SessionFound) session).session();
    FrontReply reply = front.handle(found, message);
    return reply instanceof FrontReply.Held held
        ? new Waiting(held, resumableStream(found))
        : toHttp(reply, servletResponse, Optional.of(found));
  }

  /** A new resumable stream of the session, where its version offers them. */
  private Optional<ResumableStream> resumableStream(McpSession session) {
    return streams.offeredTo(session) ? Optional.of(streams.open(session)) : Optional.empty();
  }

  /**
   * Listening for Messages from the Server: the gateway sends no messages unrelated to a request,
   * so a GET without {@code Last-Event-ID} gets 405. With one, it resumes the stream the id names
   * (Resumability and Redelivery): the events the client missed, then the rest live. The connection
   * ends after the hold time; the client polls again with its last event id.
   */
  @GET
  @Operation(summary = "Resume an SSE stream with Last-Event-ID (without one: 405)")
  public void get(
      @PathParam("tenant") String tenant,
      @Context HttpHeaders headers,
      @Context UriInfo uri,
      @Context HttpServletRequest servletRequest,
      @Suspended AsyncResponse async) {
    var admitted = admission.admit(tenant, headers, uri);
    if (admitted instanceof Refused refused) {
      async.resume(refused.response());
      return;
    }
    if (!accepts(headers, EVENT_STREAM)) {
      async.resume(
          HttpRefusal.of(
              Response.Status.NOT_ACCEPTABLE,
              JsonRpcError.INVALID_REQUEST,
              "Not Acceptable: a GET stream needs Accept: text/event-stream"));
      return;
    }
    var session = session(((Admitted) admitted).agent(), headers);
    if (session instanceof SessionRefused refused) {
      async.resume(refused.response());
      return;
    }
    String lastEventId = headers.getHeaderString(LAST_EVENT_ID_HEADER);
    if (lastEventId == null) {
      // Streamable HTTP: "the server MUST either return text/event-stream ... or else HTTP 405".
      async.resume(
          Response.status(Response.Status.METHOD_NOT_ALLOWED)
              .header("Allow", "POST, DELETE")
              .build());
      return;
    }
    var connection = new AsyncSseConnection(servletRequest.getAsyncContext(), failed -> {});
    async.setTimeoutHandler(timedOut -> connection.end());
    async.setTimeout(Math.max(1, settings.holdTime().toMillis()), TimeUnit.MILLISECONDS);
    var resumption =
        streams.resume(((SessionFound) session).session(), lastEventId.trim(), connection);
    if (resumption instanceof Resumption.Refused refused) {
      async.resume(
          HttpRefusal.of(
              switch (refused.reason()) {
                case INVALID -> 400;
                case OTHER_NODE -> 421;
                case GONE -> 410;
              },
              JsonRpcError.INVALID_REQUEST,
              "Cannot resume: " + refused.message()));
    }
  }

  @DELETE
  @Operation(summary = "End an MCP session")
  public Response delete(
      @PathParam("tenant") String tenant, @Context HttpHeaders headers, @Context UriInfo uri) {
    var admitted = admission.admit(tenant, headers, uri);
    if (admitted instanceof Refused refused) {
      return refused.response();
    }
    var session = session(((Admitted) admitted).agent(), headers);
    if (session instanceof SessionRefused refused) {
      return refused.response();
    }
    front.end(((SessionFound) session).session());
    return Response.noContent().build();
  }

  private sealed interface SessionLookup {}

  private record SessionFound(McpSession session) implements SessionLookup {}

  private record SessionRefused(Response response) implements SessionLookup {}

  /**
   * Session Management: a request without the session header gets 400, an unknown or ended session
   * 404 (the client then re-initialises). Protocol Version Header: "If the server receives a
   * request with an invalid or unsupported MCP-Protocol-Version, it MUST respond with 400 Bad
   * Request". A supported version other than the negotiated one is neither, so it is accepted, as
   * the official TypeScript SDK server does. What the gateway does on the session follows the
   * version it negotiated, the way the specification names for knowing a session's version
   * ("relying on the protocol version negotiated during initialization").
   */
  private SessionLookup session(AgentPrincipal agent, HttpHeaders headers) {
    String id = headers.getHeaderString(SESSION_HEADER);
    if (id == null || id.isBlank()) {
      return new SessionRefused(
          HttpRefusal.of(
              Response.Status.BAD_REQUEST,
              JsonRpcError.INVALID_REQUEST,
              "Bad Request: Mcp-Session-Id header is required"));
    }
    Optional<McpSession> session = sessions.find(agent, id);
    if (session.isEmpty()) {
      return new SessionRefused(
          HttpRefusal.of(
              Response.Status.NOT_FOUND,
              JsonRpcError.INVALID_REQUEST,
              "Session not found: initialise a new session"));
    }
    String version = headers.getHeaderString(VERSION_HEADER);
    if (version != null && !ProtocolVersions.isSupported(version)) {
      return new SessionRefused(
          HttpRefusal.of(
              Response.Status.BAD_REQUEST,
              JsonRpcError.INVALID_REQUEST,
              "Bad Request: unsupported MCP-Protocol-Version '"
                  + version
                  + "' (supported: "
                  + String.join(", ", ProtocolVersions.supported())
                  + ")"));
    }
    return new SessionFound(session.get());
  }

  /**
   * The HTTP answer to a reply. A relayed stream of a session that offers resumability starts with
   * its priming event and numbers every message; if the client's connection drops, the relay goes
   * on into the kept events, for the client to resume.
   */
  private Response toHttp(
      FrontReply reply, HttpServletResponse servletResponse, Optional<McpSession> session) {
    if (reply instanceof FrontReply.Accepted) {
      return Response.accepted().build();
    }
    if (reply instanceof FrontReply.Message message) {
      var response = Response.ok(message.message().toString(), MediaType.APPLICATION_JSON_TYPE);
      message.sessionId().ifPresent(id -> response.header(SESSION_HEADER, id));
      return response.build();
    }
    var stream = (FrontReply.EventStream) reply;
    var output =
        new RelayedOutput(stream.stream(), session.flatMap(this::resumableStream), servletResponse);
    return Response.ok(output, EVENT_STREAM).header("Cache-Control", "no-cache").build();
  }

  private static boolean accepts(HttpHeaders headers, String type) {
    var accept = headers.getRequestHeader(HttpHeaders.ACCEPT);
    if (accept == null) {
      return false;
    }
    for (String header : accept) {
      for (String part : header.split(",")) {
        String media = part.split(";")[0].trim().toLowerCase();
        if (media.equals(type) || media.equals("*/*")) {
          return true;
        }
      }
    }
    return false;
  }

  private Optional<String> readBounded(HttpHeaders headers, InputStream body) throws IOException {
    String declared = headers.getHeaderString(HttpHeaders.CONTENT_LENGTH);
    if (declared != null && parseLong(declared) > maxBodyBytes) {
      return Optional.empty();
    }
    byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
    if (bytes.length > maxBodyBytes) {
      return Optional.empty();
    }
    return Optional.of(new String(bytes, StandardCharsets.UTF_8));
  }

  private static long parseLong(String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static Response json(Response.Status status, String body) {
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
  }
}
