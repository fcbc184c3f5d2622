package io.countersign.gateway.upstream;

import io.countersign.gateway.upstream.UpstreamFailure.Kind;
import io.countersign.tenant.UpstreamEndpoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends JSON-RPC messages to upstream MCP servers over Streamable HTTP. Every failure comes back as
 * an {@link UpstreamReply.Failed} value with a reason the agent can read; nothing here throws for
 * an upstream that is down, slow or answers garbage.
 */
@ApplicationScoped
public class UpstreamClient {

  static final String SESSION_HEADER = "Mcp-Session-Id";
  static final String VERSION_HEADER = "MCP-Protocol-Version";

  private final Map<Duration, HttpClient> clients = new ConcurrentHashMap<>();

  @Inject OutboundGuard outboundGuard;

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
    var request =
        base(link.endpoint(), link.sessionId(), Map.of(VERSION_HEADER, link.protocolVersion()))
            .DELETE()
            .build();
    client(link.endpoint()).sendAsync(request, HttpResponse.BodyHandlers.discarding());
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
    var request =
        base(endpoint, sessionId, headers)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString(message.toString(), StandardCharsets.UTF_8))
            .build();
    HttpResponse<Flow.Publisher<List<ByteBuffer>>> response;
    try {
      // send, not sendAsync: the asynchronous API hands each response to the CompletableFuture
      // default executor, which on a two-core machine starts a thread per call. The connect
      // timeout bounds the connection, the request's timeout the wait for the response's headers.
      response = client(endpoint).send(request, HttpResponse.BodyHandlers.ofPublisher());
    } catch (IOException e) {
      return failed(classify(e), describe(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed(Kind.UNREACHABLE, "interrupted");
    }
    Optional<String> assigned = response.headers().firstValue(SESSION_HEADER);
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
      HttpResponse<Flow.Publisher<List<ByteBuffer>>> response) {
    int status = response.statusCode();
    String contentType = response.headers().firstValue("Content-Type").orElse("").toLowerCase();
    if (status == 202) {
      response.body().subscribe(BodySubscribers.discarding());
      return new UpstreamReply.Accepted();
    }
    if (status == 404 && sessionId.isPresent()) {
      response.body().subscribe(BodySubscribers.discarding());
      return new UpstreamReply.Failed(
          new UpstreamFailure(Kind.SESSION_EXPIRED, "upstream session expired"));
    }
    if (status == 200 && contentType.startsWith("text/event-stream")) {
      var stream =
          new UpstreamStream(
              Optional.of(
                  (lastEventId, into) ->
                      resume(endpoint, sessionId, resumeHeaders, lastEventId, into)));
      response.body().subscribe(stream.subscriber());
      return new UpstreamReply.Stream(stream);
    }
    Optional<String> body = readBody(response, endpoint.readTimeout());
    if (body.isEmpty()) {
      return new UpstreamReply.Failed(
          new UpstreamFailure(Kind.TIMEOUT, "the upstream's answer did not arrive in time"));
    }
    Optional<JsonObject> message =
        contentType.startsWith("application/json")
            ? UpstreamMessages.parse(body.get())
            : Optional.empty();
    // A JSON-RPC error in a 4xx body is the upstream's own answer: relay it.
    if (message.isPresent() && (status == 200 || message.get().containsKey("error"))) {
      return new UpstreamReply.Json(message.get());
    }
    if (status != 200) {
      return new UpstreamReply.Failed(
          new UpstreamFailure(Kind.HTTP_STATUS, "upstream answered HTTP " + status));
    }
    return new UpstreamReply.Failed(
        new UpstreamFailure(
            Kind.MALFORMED, "upstream answered something that is not a JSON-RPC message"));
  }

  /**
   * Resumability and Redelivery: GET with {@code Last-Event-ID} continues the stream the upstream
   * closed; its events go on into {@code into}. A refusal ends the stream with the reason.
   */
  private void resume(
      UpstreamEndpoint endpoint,
      Optional<String> sessionId,
      Map<String, String> headers,
      String lastEventId,
      UpstreamStream into) {
    Optional<UpstreamFailure> refused = outboundGuard.check(endpoint.url());
    if (refused.isPresent()) {
      into.end("resumption refused: " + refused.get().detail());
      return;
    }
    var request =
        base(endpoint, sessionId, headers)
            .header("Accept", "text/event-stream")
            .header("Last-Event-ID", lastEventId)
            .GET()
            .build();
    var reading = new java.util.concurrent.atomic.AtomicBoolean();
    client(endpoint)
        .sendAsync(
            request,
            info -> {
              if (info.statusCode() == 200 && isEventStream(info.headers())) {
                reading.set(true);
                return into.subscriber();
              }
              return BodySubscribers.<Void>replacing(null);
            })
        .whenComplete(
            (response, error) -> {
              if (reading.get()) {
                return; // the stream's own subscriber saw how it ended
              }
              into.end(
                  error != null
                      ? "resumption failed: "
                          + describe(error.getCause() != null ? error.getCause() : error)
                      : "resumption refused: HTTP " + response.statusCode());
            });
  }

  private static boolean isEventStream(java.net.http.HttpHeaders headers) {
    return headers
        .firstValue("Content-Type")
        .orElse("")
        .toLowerCase()
        .startsWith("text/event-stream");
  }

  private static Optional<String> readBody(
      HttpResponse<Flow.Publisher<List<ByteBuffer>>> response, Duration timeout) {
    var subscriber = BodySubscribers.ofString(StandardCharsets.UTF_8);
    response.body().subscribe(subscriber);
    try {
      return Optional.of(
          subscriber
              .getBody()
              .toCompletableFuture()
              .get(timeout.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException | ExecutionException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private static HttpRequest.Builder base(
      UpstreamEndpoint endpoint, Optional<String> sessionId, Map<String, String> protocolHeaders) {
    var builder = HttpRequest.newBuilder(endpoint.url()).timeout(endpoint.readTimeout());
    endpoint.headers().forEach(builder::header);
    sessionId.ifPresent(id -> builder.header(SESSION_HEADER, id));
    protocolHeaders.forEach(builder::header);
    return builder;
  }

  private HttpClient client(UpstreamEndpoint endpoint) {
    return clients.computeIfAbsent(
        endpoint.connectTimeout(),
        timeout ->
            HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .build());
  }

  private static Kind classify(Throwable cause) {
    if (cause instanceof HttpConnectTimeoutException || cause instanceof HttpTimeoutException) {
      return Kind.TIMEOUT;
    }
    return Kind.UNREACHABLE;
  }

  private static String describe(Throwable cause) {
    if (cause instanceof HttpConnectTimeoutException) {
      return "could not connect in time";
    }
    if (cause instanceof HttpTimeoutException) {
      return "no answer in time";
    }
    if (cause instanceof ConnectException) {
      return "connection refused";
    }
    if (cause instanceof IOException) {
      return "connection failed (" + cause.getClass().getSimpleName() + ")";
    }
    return "request failed (" + cause.getClass().getSimpleName() + ")";
  }

  private static Exchange failed(Kind kind, String detail) {
    return new Exchange(
        new UpstreamReply.Failed(new UpstreamFailure(kind, detail)), Optional.empty());
  }
}
