package io.countersign.gateway.upstream;

import io.countersign.gateway.upstream.UpstreamFailure.Kind;
import io.countersign.tenant.UpstreamEndpoint;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpDelete;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;

/**
 * Sends JSON-RPC messages to upstream MCP servers over Streamable HTTP. Every failure comes back as
 * an {@link UpstreamReply.Failed} value with a reason the agent can read; nothing here throws for
 * an upstream that is down, slow or answers garbage.
 */
@ApplicationScoped
public class UpstreamClient {

  static final String SESSION_HEADER = "Mcp-Session-Id";
  static final String VERSION_HEADER = "MCP-Protocol-Version";

  /** The largest JSON body an upstream may answer with, as for a line of its event stream. */
  static final int MAX_BODY_BYTES = PulledEvents.MAX_LINE_BYTES;

  private static final ContentType JSON = ContentType.create("application/json");

  /**
   * Ends upstream sessions off the client's request: one daemon thread for the node, since a
   * session's end waits for no answer.
   */
  private static final ExecutorService TERMINATIONS =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread thread = new Thread(task, "countersign-upstream-terminations");
            thread.setDaemon(true);
            return thread;
          });

  @Inject OutboundGuard outboundGuard;

  /** Connects only where the guard, asked again as each connection is made, allows. */
  private final UpstreamHttp http = new UpstreamHttp(address -> outboundGuard.allows(address));

  /** POSTs one message on an initialised link. */
  public UpstreamReply post(UpstreamLink link, JsonObject message) {
    return exchange(
            link.endpoint(),
            link.sessionId(),
            Map.of(VERSION_HEADER, link.protocolVersion()),
            message)
        .reply();
  }

  /** POSTs {@code initialize}; the answer carries the session id the upstream assigned, if any. */
  Exchange postInitialize(UpstreamEndpoint endpoint, JsonObject initialize) {
    return exchange(endpoint, Optional.empty(), Map.of(), initialize);
  }

  /** POSTs one request to a 2026-07-28 upstream: no session, the era's headers. */
  UpstreamReply postModern(UpstreamEndpoint endpoint, ModernRequest request) {
    return exchange(endpoint, Optional.empty(), request.headers(), request.message()).reply();
  }

  /** Ends the upstream session (HTTP DELETE), best effort: an upstream may refuse with 405. */
  public void terminate(UpstreamLink link) {
    if (link.sessionId().isEmpty()) {
      return;
    }
    var request = new HttpDelete(link.endpoint().url());
    headers(
        request, link.endpoint(), link.sessionId(), Map.of(VERSION_HEADER, link.protocolVersion()));
    TERMINATIONS.execute(
        () -> {
          if (outboundGuard.check(link.endpoint().url()).isPresent()) {
            return; // the address is no longer one the gateway may reach
          }
          try {
            http.execute(link.endpoint(), request).release();
          } catch (IOException e) {
            // best effort: the upstream expires the session on its own
          }
        });
  }

  @PreDestroy
  void close() {
    http.close();
  }

  record Exchange(UpstreamReply reply, Optional<String> sessionId) {}

  private Exchange exchange(
      UpstreamEndpoint endpoint,
      Optional<String> sessionId,
      Map<String, String> headers,
      JsonObject message) {
    Optional<UpstreamFailure> refused = outboundGuard.check(endpoint.url());
    if (refused.isPresent()) {
      return new Exchange(new UpstreamReply.Failed(refused.get()), Optional.empty());
    }
    var request = new HttpPost(endpoint.url());
    headers(request, endpoint, sessionId, headers);
    request.setHeader("Accept", "application/json, text/event-stream");
    request.setEntity(
        new ByteArrayEntity(message.toString().getBytes(StandardCharsets.UTF_8), JSON));
    UpstreamHttp.Response response;
    try {
      response = http.execute(endpoint, request);
    } catch (IOException e) {
      return new Exchange(
          new UpstreamReply.Failed(new UpstreamFailure(classify(e), describe(e))),
          Optional.empty());
    }
    Optional<String> assigned = response.header(SESSION_HEADER);
    Optional<String> session = sessionId.or(() -> assigned);
    // a resumption GET carries the version only: Mcp-Method and Mcp-Name name the POST
    Map<String, String> resumeHeaders =
        headers.containsKey(VERSION_HEADER)
            ? Map.of(VERSION_HEADER, headers.get(VERSION_HEADER))
            : Map.of();
    return new Exchange(read(endpoint, session, resumeHeaders, response), assigned);
  }

  private UpstreamReply read(
      UpstreamEndpoint endpoint,
      Optional<String> sessionId,
      Map<String, String> resumeHeaders,
      UpstreamHttp.Response response) {
    int status = response.status();
    String contentType = response.contentType();
    if (status == 202) {
      response.release();
      return new UpstreamReply.Accepted();
    }
    if (status == 404 && sessionId.isPresent()) {
      response.release();
      return failed(Kind.SESSION_EXPIRED, "upstream session expired");
    }
    if (response.isEventStream()) {
      return new UpstreamReply.Stream(
          new UpstreamStream(
              new PulledEvents(
                  response,
                  Optional.of(
                      lastEventId -> resume(endpoint, sessionId, resumeHeaders, lastEventId)))));
    }
    Body body = readBody(response, endpoint.readTimeout());
    if (body instanceof Body.Failed failed) {
      return failed.reply();
    }
    String text = ((Body.Read) body).text();
    Optional<JsonObject> message =
        contentType.startsWith("application/json")
            ? UpstreamMessages.parse(text)
            : Optional.empty();
    // A JSON-RPC error in a 4xx body is the upstream's own answer: relay it.
    if (message.isPresent() && (status == 200 || message.get().containsKey("error"))) {
      return new UpstreamReply.Json(message.get());
    }
    if (status != 200) {
      return failed(Kind.HTTP_STATUS, "upstream answered HTTP " + status);
    }
    return failed(Kind.MALFORMED, "upstream answered something that is not a JSON-RPC message");
  }

  /**
   * Resumability and Redelivery: GET with {@code Last-Event-ID} continues the stream the upstream
   * closed. A refusal ends the stream with the reason.
   */
  private PulledEvents.Resumption resume(
      UpstreamEndpoint endpoint,
      Optional<String> sessionId,
      Map<String, String> headers,
      String lastEventId) {
    Optional<UpstreamFailure> refused = outboundGuard.check(endpoint.url());
    if (refused.isPresent()) {
      return new PulledEvents.Resumption.Refused("resumption refused: " + refused.get().detail());
    }
    var request = new HttpGet(endpoint.url());
    headers(request, endpoint, sessionId, headers);
    request.setHeader("Accept", "text/event-stream");
    request.setHeader("Last-Event-ID", lastEventId);
    UpstreamHttp.Response response;
    try {
      response = http.execute(endpoint, request);
    } catch (IOException e) {
      return new PulledEvents.Resumption.Refused("resumption failed: " + describe(e));
    }
    if (response.isEventStream()) {
      return new PulledEvents.Resumption.Reconnected(response);
    }
    response.release();
    return new PulledEvents.Resumption.Refused("resumption refused: HTTP " + response.status());
  }

  /** A whole answer's body, or why it could not be read. */
  private sealed interface Body {
    record Read(String text) implements Body {}

    record Failed(UpstreamReply reply) implements Body {}
  }

  /** Reads a body of at most {@value #MAX_BODY_BYTES} bytes, each read waiting {@code wait}. */
  private static Body readBody(UpstreamHttp.Response response, Duration wait) {
    byte[] bytes;
    try {
      response.readWithin(wait);
      bytes = response.body().readNBytes(MAX_BODY_BYTES + 1);
    } catch (SocketTimeoutException e) {
      response.abort();
      return new Body.Failed(failed(Kind.TIMEOUT, "the upstream's answer did not arrive in time"));
    } catch (IOException e) {
      response.abort();
      return new Body.Failed(
          failed(Kind.UNREACHABLE, "the connection broke during the answer (" + name(e) + ")"));
    }
    if (bytes.length > MAX_BODY_BYTES) {
      response.abort();
      return new Body.Failed(
          failed(Kind.MALFORMED, "the upstream's answer exceeds " + MAX_BODY_BYTES + " bytes"));
    }
    response.release();
    return new Body.Read(new String(bytes, StandardCharsets.UTF_8));
  }

  private static void headers(
      HttpUriRequestBase request,
      UpstreamEndpoint endpoint,
      Optional<String> sessionId,
      Map<String, String> protocolHeaders) {
    endpoint.headers().forEach(request::setHeader);
    sessionId.ifPresent(id -> request.setHeader(SESSION_HEADER, id));
    protocolHeaders.forEach(request::setHeader);
  }

  private static Kind classify(IOException cause) {
    if (cause instanceof UpstreamHttp.RefusedAddress) {
      return Kind.FORBIDDEN_ADDRESS;
    }
    return cause instanceof InterruptedIOException ? Kind.TIMEOUT : Kind.UNREACHABLE;
  }

  private static String describe(IOException cause) {
    if (cause instanceof UpstreamHttp.RefusedAddress) {
      return cause.getMessage();
    }
    if (cause instanceof ConnectTimeoutException) {
      return "could not connect in time";
    }
    if (cause instanceof ConnectionRequestTimeoutException) {
      return "no connection to the upstream was free in time";
    }
    if (cause instanceof InterruptedIOException) {
      return "no answer in time";
    }
    if (cause instanceof ConnectException) {
      return "connection refused";
    }
    return "connection failed (" + name(cause) + ")";
  }

  private static String name(IOException cause) {
    return cause.getClass().getSimpleName();
  }

  private static UpstreamReply failed(Kind kind, String detail) {
    return new UpstreamReply.Failed(new UpstreamFailure(kind, detail));
  }
}
