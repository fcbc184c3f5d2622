package io.countersign.gateway.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.countersign.gateway.upstream.UpstreamFailure.Kind;
import io.countersign.tenant.UpstreamEndpoint;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The connector against a real local HTTP server that misbehaves on purpose. */
class UpstreamClientTest {

  private static final JsonObject PING =
      Json.createObjectBuilder().add("jsonrpc", "2.0").add("id", 1).add("method", "ping").build();

  private HttpServer server;
  private final UpstreamClient client = new UpstreamClient();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.start();
    client.outboundGuard = guard(Optional.empty(), true);
  }

  @AfterEach
  void stop() {
    server.stop(0);
    client.close();
  }

  @Test
  void postWhenJsonAnswerThenMessage() {
    serve("/ok", 200, "application/json", "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}");
    var reply = assertInstanceOf(UpstreamReply.Json.class, client.post(link("/ok"), PING));
    assertEquals(JsonObject.EMPTY_JSON_OBJECT, reply.message().getJsonObject("result"));
  }

  @Test
  void postWhenSseAnswerThenEventsInOrder() {
    serve(
        "/sse",
        200,
        "text/event-stream",
        "event: message\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\"}\n\n"
            + "event: message\ndata: {\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"ok\":true}}\n\n");
    var stream = assertInstanceOf(UpstreamReply.Stream.class, client.post(link("/sse"), PING));
    var response = stream.stream().awaitResponse(Json.createValue(1), Duration.ofSeconds(2));
    var json = assertInstanceOf(UpstreamReply.Json.class, response);
    assertEquals(true, json.message().getJsonObject("result").getBoolean("ok"));
  }

  @Test
  void postWhenSseResponsesFollowEachOtherThenConnectionIsReused() {
    java.util.Set<Object> connections = java.util.concurrent.ConcurrentHashMap.newKeySet();
    server.createContext(
        "/reuse",
        exchange -> {
          connections.add(exchange.getRemoteAddress().getPort());
          respond(
              exchange,
              200,
              "text/event-stream",
              "event: message\ndata: {\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}\n\n");
        });
    for (int i = 0; i < 5; i++) {
      var stream = assertInstanceOf(UpstreamReply.Stream.class, client.post(link("/reuse"), PING));
      assertInstanceOf(
          UpstreamReply.Json.class,
          stream.stream().awaitResponse(Json.createValue(1), Duration.ofSeconds(2)));
    }
    assertEquals(1, connections.size(), "one keep-alive connection for five calls");
  }

  @Test
  void postWhenGarbageThenMalformed() {
    serve("/garbage", 200, "text/html", "<html>hi</html>");
    assertFailure(Kind.MALFORMED, client.post(link("/garbage"), PING));
  }

  @Test
  void postWhenServerErrorThenHttpStatus() {
    serve("/error", 500, "text/plain", "boom");
    assertFailure(Kind.HTTP_STATUS, client.post(link("/error"), PING));
  }

  @Test
  void postWhenSessionUnknownThenSessionExpired() {
    serve("/gone", 404, "text/plain", "no such session");
    var link = new UpstreamLink(endpoint("/gone"), Optional.of("old-session"), "2025-11-25");
    assertFailure(Kind.SESSION_EXPIRED, client.post(link, PING));
  }

  @Test
  void postWhenSlowThenTimeout() {
    server.createContext(
        "/slow",
        exchange -> {
          sleep(3_000);
          exchange.close();
        });
    assertFailure(Kind.TIMEOUT, client.post(link("/slow"), PING));
  }

  @Test
  void postWhenNothingListensThenUnreachable() throws IOException {
    int closed;
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    var endpoint =
        new UpstreamEndpoint(
            "u",
            "t",
            "down",
            URI.create("http://127.0.0.1:" + closed + "/mcp"),
            Map.of(),
            Duration.ofSeconds(1),
            Duration.ofSeconds(1));
    assertFailure(
        Kind.UNREACHABLE,
        client.post(new UpstreamLink(endpoint, Optional.empty(), "2025-11-25"), PING));
  }

  @Test
  void postWhenGuardRefusesThenForbiddenWithoutConnecting() {
    client.outboundGuard =
        guard(Optional.of(new UpstreamFailure(Kind.FORBIDDEN_ADDRESS, "metadata address")), true);
    assertFailure(Kind.FORBIDDEN_ADDRESS, client.post(link("/never"), PING));
  }

  @Test
  void postWhenTheNameResolvesElsewhereAsTheConnectionIsMadeThenForbiddenWithoutConnecting() {
    var requests = new java.util.concurrent.atomic.AtomicInteger();
    server.createContext(
        "/rebound",
        exchange -> {
          requests.incrementAndGet();
          respond(exchange, 200, "application/json", "{\"jsonrpc\":\"2.0\",\"id\":1}");
        });
    // the check before the request passes; the connection's own lookup gets a refused address
    client.outboundGuard = guard(Optional.empty(), false);
    var failed = assertInstanceOf(UpstreamReply.Failed.class, client.post(link("/rebound"), PING));
    assertEquals(Kind.FORBIDDEN_ADDRESS, failed.failure().kind());
    assertEquals(
        "127.0.0.1 resolves to an address the gateway may not reach", failed.failure().detail());
    assertEquals(0, requests.get());
  }

  @Test
  void postWhenCredentialsConfiguredThenSentAsHeaders() {
    String[] seen = new String[1];
    server.createContext(
        "/auth",
        exchange -> {
          seen[0] = exchange.getRequestHeaders().getFirst("Authorization");
          respond(exchange, 202, "text/plain", "");
        });
    var endpoint =
        new UpstreamEndpoint(
            "u",
            "t",
            "auth",
            uri("/auth"),
            Map.of("Authorization", "Bearer upstream-secret"),
            Duration.ofSeconds(1),
            Duration.ofSeconds(2));
    assertInstanceOf(
        UpstreamReply.Accepted.class,
        client.post(new UpstreamLink(endpoint, Optional.empty(), "2025-11-25"), PING));
    assertEquals("Bearer upstream-secret", seen[0]);
  }

  @Test
  void postWhenUpstreamClosesItsStreamEarlyThenResumedWithLastEventIdAfterRetry() {
    java.util.List<String> resumedFrom = new java.util.concurrent.CopyOnWriteArrayList<>();
    server.createContext(
        "/polling",
        exchange -> {
          if ("GET".equals(exchange.getRequestMethod())) {
            resumedFrom.add(exchange.getRequestHeaders().getFirst("Last-Event-ID"));
            respond(
                exchange,
                200,
                "text/event-stream",
                "id: s1.2\nevent: message\ndata: {\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"ok\":true}}\n\n");
            return;
          }
          // priming event with retry, one notification, then the connection closes early
          respond(
              exchange,
              200,
              "text/event-stream",
              "id: s1.0\nretry: 20\ndata: \n\n"
                  + "id: s1.1\nevent: message\ndata: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\"}\n\n");
        });
    var stream = assertInstanceOf(UpstreamReply.Stream.class, client.post(link("/polling"), PING));
    var json =
        assertInstanceOf(
            UpstreamReply.Json.class,
            stream.stream().awaitResponse(Json.createValue(1), Duration.ofSeconds(3)));
    assertEquals(true, json.message().getJsonObject("result").getBoolean("ok"));
    assertEquals(java.util.List.of("s1.1"), resumedFrom);
  }

  @Test
  void postWhenUpstreamRefusesTheResumptionThenTheStreamEndsWithTheReason() {
    server.createContext(
        "/refused",
        exchange -> {
          if ("GET".equals(exchange.getRequestMethod())) {
            respond(exchange, 400, "application/json", "{}");
            return;
          }
          respond(exchange, 200, "text/event-stream", "id: s1.0\nretry: 10\ndata: \n\n");
        });
    var stream = assertInstanceOf(UpstreamReply.Stream.class, client.post(link("/refused"), PING));
    var failed =
        assertInstanceOf(
            UpstreamReply.Failed.class,
            stream.stream().awaitResponse(Json.createValue(1), Duration.ofSeconds(3)));
    assertEquals(
        "stream ended without a response (resumption refused: HTTP 400)",
        failed.failure().detail());
  }

  @Test
  void postWhenStreamWithoutEventIdsEndsEarlyThenNoResumption() {
    serve("/plain", 200, "text/event-stream", ": nothing\n\n");
    var stream = assertInstanceOf(UpstreamReply.Stream.class, client.post(link("/plain"), PING));
    var failed =
        assertInstanceOf(
            UpstreamReply.Failed.class,
            stream.stream().awaitResponse(Json.createValue(1), Duration.ofSeconds(3)));
    assertEquals("stream ended without a response (complete)", failed.failure().detail());
  }

  @Test
  void postWhenNumberedStreamEndsAfterItsResponseThenNoResumptionAndTheConnectionIsReused() {
    java.util.Set<Object> connections = java.util.concurrent.ConcurrentHashMap.newKeySet();
    java.util.List<String> gets = new java.util.concurrent.CopyOnWriteArrayList<>();
    server.createContext(
        "/numbered",
        exchange -> {
          connections.add(exchange.getRemoteAddress().getPort());
          if ("GET".equals(exchange.getRequestMethod())) {
            gets.add(exchange.getRequestHeaders().getFirst("Last-Event-ID"));
          }
          respond(exchange, 200, "text/event-stream", NUMBERED_RESPONSE);
        });
    long started = System.nanoTime();
    for (int i = 0; i < 5; i++) {
      call("/numbered");
    }
    long millis = java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertEquals(java.util.List.of(), gets, "the stream ended after its response");
    assertEquals(1, connections.size(), "one keep-alive connection for five calls");
    assertTrue(millis < 2_000, "five calls took " + millis + " ms: a wait for a resumption?");
  }

  @Test
  void nextWhenTheUpstreamIsQuietLongerThanTheReaderWaitsThenTheStreamGoesOn() {
    server.createContext(
        "/quiet",
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
          exchange.sendResponseHeaders(200, 0); // chunked: each flush is a chunk
          var out = exchange.getResponseBody();
          out.write(event("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\"}"));
          out.flush();
          sleep(400);
          // one event in two chunks, cut inside a line
          byte[] last = event("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"ok\":true}}");
          out.write(last, 0, 20);
          out.flush();
          sleep(200);
          out.write(last, 20, last.length - 20);
          out.close();
        });
    var reply = assertInstanceOf(UpstreamReply.Stream.class, client.post(link("/quiet"), PING));
    try (UpstreamStream stream = reply.stream()) {
      assertInstanceOf(UpstreamStream.Event.class, stream.next(Duration.ofSeconds(2)));
      assertInstanceOf(UpstreamStream.IdleTimeout.class, stream.next(Duration.ofMillis(100)));
      assertInstanceOf(UpstreamStream.IdleTimeout.class, stream.next(Duration.ofMillis(100)));
      // half of the next event arrives within this wait, and is kept
      assertInstanceOf(UpstreamStream.IdleTimeout.class, stream.next(Duration.ofMillis(250)));
      var response =
          assertInstanceOf(UpstreamStream.Event.class, stream.next(Duration.ofSeconds(2)));
      assertTrue(response.event().data().contains("\"ok\":true"), response.event().data());
      assertEquals(
          new UpstreamStream.End("complete"), stream.next(Duration.ofSeconds(2)), "then its end");
    }
  }

  @Test
  void nextWhenTheUpstreamStreamsBytesThatCompleteNoEventThenTheWaitIsStillBounded() {
    var streaming = new java.util.concurrent.atomic.AtomicBoolean(true);
    byte[] comments = ": .\n".repeat(16_384).getBytes(StandardCharsets.UTF_8);
    server.createContext(
        "/comments",
        exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
          exchange.sendResponseHeaders(200, 0);
          var out = exchange.getResponseBody();
          try {
            while (streaming.get()) { // comment lines without a pause, never an event
              out.write(comments);
              out.flush();
            }
            out.close();
          } catch (IOException e) {
            // the gateway closed the connection
          }
        });
    var reply = assertInstanceOf(UpstreamReply.Stream.class, client.post(link("/comments"), PING));
    try {
      org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
          Duration.ofSeconds(5),
          () -> {
            try (UpstreamStream stream = reply.stream()) {
              assertInstanceOf(
                  UpstreamStream.IdleTimeout.class, stream.next(Duration.ofMillis(200)));
            }
          },
          "a 200 ms wait and the stream's close");
    } finally {
      streaming.set(false);
    }
  }

  @Test
  void closeWhenTheUpstreamKeepsItsStreamOpenThenTheConnectionIsDroppedPromptly() {
    java.util.Set<Object> connections = java.util.concurrent.ConcurrentHashMap.newKeySet();
    server.createContext(
        "/open",
        exchange -> {
          connections.add(exchange.getRemoteAddress().getPort());
          exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
          exchange.sendResponseHeaders(200, 0);
          var out = exchange.getResponseBody();
          out.write(event("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}"));
          out.flush();
          sleep(1_500); // the stream stays open after its response
          out.close();
        });
    for (int i = 0; i < 2; i++) {
      long started = System.nanoTime();
      call("/open");
      long millis = java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      assertTrue(millis < 1_000, "a call took " + millis + " ms: close waited for the end");
    }
    assertEquals(2, connections.size(), "a connection with a body still to come is not reused");
  }

  @Test
  void terminateWhenTheLinkHasASessionThenDeleteIsSentWithIt() throws InterruptedException {
    var deleted = new java.util.concurrent.LinkedBlockingQueue<String>();
    server.createContext(
        "/end",
        exchange -> {
          deleted.add(
              exchange.getRequestMethod()
                  + " "
                  + exchange.getRequestHeaders().getFirst("Mcp-Session-Id"));
          respond(exchange, 200, "text/plain", "");
        });
    client.terminate(new UpstreamLink(endpoint("/end"), Optional.of("s-42"), "2025-11-25"));
    assertEquals("DELETE s-42", deleted.poll(5, java.util.concurrent.TimeUnit.SECONDS));
  }

  @Test
  void terminateWhenTheGuardRefusesThenNothingIsSent() throws InterruptedException {
    var requests = new java.util.concurrent.LinkedBlockingQueue<String>();
    server.createContext(
        "/refused-end",
        exchange -> {
          requests.add(exchange.getRequestMethod());
          respond(exchange, 200, "text/plain", "");
        });
    client.outboundGuard =
        guard(
            Optional.of(new UpstreamFailure(Kind.FORBIDDEN_ADDRESS, "now a private address")),
            true);
    client.terminate(new UpstreamLink(endpoint("/refused-end"), Optional.of("s-1"), "2025-11-25"));
    assertEquals(null, requests.poll(500, java.util.concurrent.TimeUnit.MILLISECONDS));
  }

  @Test
  void postWhenTheJsonAnswerIsTooLargeThenMalformed() {
    String padding = "x".repeat(UpstreamClient.MAX_BODY_BYTES);
    serve(
        "/large",
        200,
        "application/json",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"p\":\"" + padding + "\"}}");
    var failed = assertInstanceOf(UpstreamReply.Failed.class, client.post(link("/large"), PING));
    assertEquals(Kind.MALFORMED, failed.failure().kind());
    assertTrue(failed.failure().detail().contains("exceeds"), failed.failure().detail());
  }

  @Test
  void postsWhenManyThenNoThreadIsStartedPerCall() {
    serve("/many", 200, "text/event-stream", NUMBERED_RESPONSE);
    var threads = java.lang.management.ManagementFactory.getThreadMXBean();
    call("/many"); // the HTTP client's and the server's own threads start here
    long before = threads.getTotalStartedThreadCount();
    for (int i = 0; i < 50; i++) {
      call("/many");
    }
    long started = threads.getTotalStartedThreadCount() - before;
    assertTrue(started < 10, started + " threads started for 50 calls");
  }

  /** A response event with an id, as servers that number their events send it. */
  private static final String NUMBERED_RESPONSE =
      "id: s1.1\nretry: 5000\nevent: message\n"
          + "data: {\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}\n\n";

  private static OutboundGuard guard(Optional<UpstreamFailure> byUrl, boolean byAddress) {
    return TestGuards.of(url -> byUrl, byAddress);
  }

  private static byte[] event(String data) {
    return ("event: message\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
  }

  private void call(String path) {
    var stream = assertInstanceOf(UpstreamReply.Stream.class, client.post(link(path), PING));
    assertInstanceOf(
        UpstreamReply.Json.class,
        stream.stream().awaitResponse(Json.createValue(1), Duration.ofSeconds(2)));
  }

  private void serve(String path, int status, String type, String body) {
    server.createContext(path, exchange -> respond(exchange, status, type, body));
  }

  private static void respond(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
    exchange.close();
  }

  private static void assertFailure(Kind kind, UpstreamReply reply) {
    assertEquals(kind, assertInstanceOf(UpstreamReply.Failed.class, reply).failure().kind());
  }

  private UpstreamLink link(String path) {
    return new UpstreamLink(endpoint(path), Optional.empty(), "2025-11-25");
  }

  private UpstreamEndpoint endpoint(String path) {
    return new UpstreamEndpoint(
        "u", "t", "test", uri(path), Map.of(), Duration.ofSeconds(1), Duration.ofSeconds(1));
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
