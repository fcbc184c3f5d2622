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
import jakarta.inject.Inject;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A tenant's MCP endpoint over Streamable HTTP (MCP 2025-06-18 and 2025-11-25, "Transports"): POST
 * carries messages, GET resumes a server stream, DELETE ends a session. The same POST serves MCP
 * 2026-07-28, chosen per request from its {@code _meta} and headers ({@link ModernEnvelope}). This
 * class owns the HTTP statuses; what the messages mean is the gateway's {@link McpFront} and {@link
 * ModernFront}.
 *
 * <p>It is a servlet filter in front of the REST API rather than a resource of it: every agent's
 * call passes here, and an answer given at once needs none of the REST runtime's dispatch or
 * suspension. Only a held call's stream and a resumed stream go asynchronous ({@link HeldStream},
 * {@link AsyncSseConnection}). Its requests are measured by {@link McpRequestMetrics}; its
 * operations are described in {@code META-INF/openapi.yaml}.
 */
@WebFilter(filterName = "mcp-endpoint", urlPatterns = "/t/*", asyncSupported = true)
public class McpEndpoint extends HttpFilter {

  static final String SESSION_HEADER = "Mcp-Session-Id";
  static final String VERSION_HEADER = "MCP-Protocol-Version";
  static final String LAST_EVENT_ID_HEADER = "Last-Event-ID";
  private static final String EVENT_STREAM = "text/event-stream";
  private static final String ALLOWED = "GET, POST, DELETE";

  @Inject McpAdmission admission;
  @Inject McpFront front;
  @Inject ModernFront modernFront;
  @Inject SessionStore sessions;
  @Inject HeldCallWaiters waiters;
  @Inject HeldCallStore heldCalls;
  @Inject HeldCalls desk;
  @Inject HoldSettings settings;
  @Inject ResumableStreams streams;
  @Inject McpRequestMetrics metrics;

  @Inject
  @ConfigProperty(name = "countersign.mcp.max-body-bytes", defaultValue = "4194304")
  long maxBodyBytes;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    Optional<String> tenant = McpPath.tenantOf(request);
    if (tenant.isEmpty()) {
      chain.doFilter(request, response);
      return;
    }
    long arrived = System.nanoTime();
    try {
      switch (request.getMethod()) {
        case "POST" -> post(tenant.get(), request, response);
        case "GET" -> get(tenant.get(), request, response);
        case "DELETE" -> delete(tenant.get(), new McpHttpRequest(request)).writeTo(response);
        case "OPTIONS" -> HttpAnswer.empty(204).with("Allow", ALLOWED).writeTo(response);
        default ->
            HttpRefusal.of(
                    405,
                    JsonRpcError.INVALID_REQUEST,
                    "Method Not Allowed: the MCP endpoint takes " + ALLOWED)
                .with("Allow", ALLOWED)
                .writeTo(response);
      }
    } catch (RuntimeException e) {
      UnexpectedFailure.answer(e, response);
    } finally {
      measure(request, response, arrived);
    }
  }

  /** The request's time, now, or for a stream when the stream ends. */
  private void measure(HttpServletRequest request, HttpServletResponse response, long arrived) {
    if (!request.isAsyncStarted()) {
      metrics.record(request.getMethod(), response.getStatus(), since(arrived));
      return;
    }
    request
        .getAsyncContext()
        .addListener(
            new AsyncListener() {
              @Override
              public void onComplete(AsyncEvent event) {
                metrics.record(request.getMethod(), response.getStatus(), since(arrived));
              }

              @Override
              public void onTimeout(AsyncEvent event) {
                // completed by the stream's own listener, then measured on completion
              }

              @Override
              public void onError(AsyncEvent event) {
                // measured on completion
              }

              @Override
              public void onStartAsync(AsyncEvent event) {
                // one asynchronous cycle per request
              }
            });
  }

  private static Duration since(long nanos) {
    return Duration.ofNanos(System.nanoTime() - nanos);
  }

  /**
   * Answered at once, or, for a held call, on an asynchronous stream that waits without a thread.
   */
  private void post(String tenant, HttpServletRequest servletRequest, HttpServletResponse response)
      throws IOException {
    Object answer = answer(tenant, new McpHttpRequest(servletRequest), servletRequest);
    if (answer instanceof HttpAnswer whole) {
      whole.writeTo(response);
    } else if (answer instanceof RelayedOutput relayed) {
      relayed.writeTo(response);
    } else {
      Waiting waiting = (Waiting) answer;
      FrontReply.Held held = waiting.held();
      new HeldStream(
              held,
              servletRequest.startAsync(servletRequest, response),
              waiting.stream(),
              held.holdFor().orElse(settings.holdTime()),
              waiters,
              heldCalls,
              () -> desk.streamClosed(held.tenantId(), held.heldCallId()))
          .open();
    }
  }

  /** A held call to wait on, on a resumable stream where the session has them. */
  private record Waiting(FrontReply.Held held, Optional<ResumableStream> stream) {}

  /**
   * The answer to one POST: an {@link HttpAnswer}, a {@link RelayedOutput}, or a held call to wait
   * on ({@link Waiting}).
   */
  private Object answer(String tenant, McpHttpRequest request, HttpServletRequest servletRequest)
      throws IOException {
    var admitted = admission.admit(tenant, request);
    if (admitted instanceof Refused refused) {
      return refused.answer();
    }
    AgentPrincipal agent = ((Admitted) admitted).agent();
    if (!request.accepts(HttpAnswer.JSON) || !request.accepts(EVENT_STREAM)) {
      return HttpRefusal.of(
          406,
          JsonRpcError.INVALID_REQUEST,
          "Not Acceptable: the client must accept both application/json and text/event-stream");
    }
    if (!request.sendsJson()) {
      return HttpRefusal.of(
          415,
          JsonRpcError.INVALID_REQUEST,
          "Unsupported Media Type: the body must be application/json");
    }
    Optional<String> text = readBounded(request, servletRequest);
    if (text.isEmpty()) {
      return HttpRefusal.of(
          413,
          JsonRpcError.INVALID_REQUEST,
          "Payload Too Large: the body exceeds " + maxBodyBytes + " bytes");
    }
    ParseResult parsed = JsonRpcMessage.parse(text.get());
    if (parsed instanceof ParseResult.Malformed malformed) {
      return HttpAnswer.json(400, malformed.error().toResponse(malformed.id()).toString());
    }
    JsonRpcMessage message = (JsonRpcMessage) parsed;
    var reading = ModernEnvelope.read(message, request::header);
    if (reading instanceof ModernEnvelope.Refused refused) {
      return HttpAnswer.json(refused.httpStatus(), refused.response().toString());
    }
    if (reading instanceof ModernEnvelope.Modern modern) {
      var answer = modernFront.handle(agent, modern);
      if (answer.httpStatus() != 200) {
        return HttpAnswer.json(
            answer.httpStatus(), ((FrontReply.Message) answer.reply()).message().toString());
      }
      return answer.reply() instanceof FrontReply.Held held
          ? new Waiting(held, Optional.empty())
          : toHttp(answer.reply(), Optional.empty());
    }
    if (message instanceof Request call && "initialize".equals(call.method())) {
      return toHttp(front.initialize(agent, call), Optional.empty());
    }
    var session = session(agent, request);
    if (session instanceof SessionRefused refused) {
      return refused.answer();
    }
    McpSession found = ((SessionFound) session).session();
    FrontReply reply = front.handle(found, message);
    return reply instanceof FrontReply.Held held
        ? new Waiting(held, resumableStream(found))
        : toHttp(reply, Optional.of(found));
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
  private void get(String tenant, HttpServletRequest servletRequest, HttpServletResponse response)
      throws IOException {
    var request = new McpHttpRequest(servletRequest);
    var admitted = admission.admit(tenant, request);
    if (admitted instanceof Refused refused) {
      refused.answer().writeTo(response);
      return;
    }
    if (!request.accepts(EVENT_STREAM)) {
      HttpRefusal.of(
              406,
              JsonRpcError.INVALID_REQUEST,
              "Not Acceptable: a GET stream needs Accept: text/event-stream")
          .writeTo(response);
      return;
    }
    var session = session(((Admitted) admitted).agent(), request);
    if (session instanceof SessionRefused refused) {
      refused.answer().writeTo(response);
      return;
    }
    String lastEventId = request.header(LAST_EVENT_ID_HEADER);
    if (lastEventId == null) {
      // Streamable HTTP: "the server MUST either return text/event-stream ... or else HTTP 405".
      HttpAnswer.empty(405).with("Allow", "POST, DELETE").writeTo(response);
      return;
    }
    var connection =
        new AsyncSseConnection(
            servletRequest.startAsync(servletRequest, response),
            settings.holdTime(),
            () -> {},
            failed -> {});
    var resumption =
        streams.resume(((SessionFound) session).session(), lastEventId.trim(), connection);
    if (resumption instanceof Resumption.Refused refused) {
      HttpRefusal.of(
              switch (refused.reason()) {
                case INVALID -> 400;
                case OTHER_NODE -> 421;
                case GONE -> 410;
              },
              JsonRpcError.INVALID_REQUEST,
              "Cannot resume: " + refused.message())
          .writeTo(response);
      connection.end();
    }
  }

  private HttpAnswer delete(String tenant, McpHttpRequest request) {
    var admitted = admission.admit(tenant, request);
    if (admitted instanceof Refused refused) {
      return refused.answer();
    }
    var session = session(((Admitted) admitted).agent(), request);
    if (session instanceof SessionRefused refused) {
      return refused.answer();
    }
    front.end(((SessionFound) session).session());
    return HttpAnswer.empty(204);
  }

  private sealed interface SessionLookup {}

  private record SessionFound(McpSession session) implements SessionLookup {}

  private record SessionRefused(HttpAnswer answer) implements SessionLookup {}

  /**
   * Session Management: a request without the session header gets 400, an unknown or ended session
   * 404 (the client then re-initialises). Protocol Version Header: "If the server receives a
   * request with an invalid or unsupported MCP-Protocol-Version, it MUST respond with 400 Bad
   * Request". A supported version other than the negotiated one is neither, so it is accepted, as
   * the official TypeScript SDK server does. What the gateway does on the session follows the
   * version it negotiated, the way the specification names for knowing a session's version
   * ("relying on the protocol version negotiated during initialization").
   */
  private SessionLookup session(AgentPrincipal agent, McpHttpRequest request) {
    String id = request.header(SESSION_HEADER);
    if (id == null || id.isBlank()) {
      return new SessionRefused(
          HttpRefusal.of(
              400, JsonRpcError.INVALID_REQUEST, "Bad Request: Mcp-Session-Id header is required"));
    }
    Optional<McpSession> session = sessions.find(agent, id);
    if (session.isEmpty()) {
      return new SessionRefused(
          HttpRefusal.of(
              404, JsonRpcError.INVALID_REQUEST, "Session not found: initialise a new session"));
    }
    String version = request.header(VERSION_HEADER);
    if (version != null && !ProtocolVersions.isSupported(version)) {
      return new SessionRefused(
          HttpRefusal.of(
              400,
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
  private Object toHttp(FrontReply reply, Optional<McpSession> session) {
    if (reply instanceof FrontReply.Accepted) {
      return HttpAnswer.empty(202);
    }
    if (reply instanceof FrontReply.Message message) {
      var answer = HttpAnswer.json(200, message.message().toString());
      return message.sessionId().map(id -> answer.with(SESSION_HEADER, id)).orElse(answer);
    }
    var stream = (FrontReply.EventStream) reply;
    return new RelayedOutput(stream.stream(), session.flatMap(this::resumableStream));
  }

  private Optional<String> readBounded(McpHttpRequest request, HttpServletRequest servletRequest)
      throws IOException {
    if (request.declaredLength() > maxBodyBytes) {
      return Optional.empty();
    }
    byte[] bytes =
        servletRequest
            .getInputStream()
            .readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
    if (bytes.length > maxBodyBytes) {
      return Optional.empty();
    }
    return Optional.of(new String(bytes, StandardCharsets.UTF_8));
  }
}
