package io.countersign.ciba.delivery;

import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A client's notification endpoint on 127.0.0.1 that records what it receives. */
final class Receiver implements AutoCloseable {

  /** One request as received. */
  record Received(String method, Map<String, List<String>> headers, String body) {

    /** The request as Nimbus sees it, for {@code CIBAPingCallback.parse} and friends. */
    HTTPRequest toNimbus(URI endpoint) {
      var request = new HTTPRequest(HTTPRequest.Method.valueOf(method), endpoint);
      headers.forEach((name, values) -> request.setHeader(name, values.toArray(String[]::new)));
      request.setBody(body);
      return request;
    }
  }

  /** How the receiver answers. */
  @FunctionalInterface
  interface Answer {
    void send(HttpExchange exchange) throws IOException, InterruptedException;
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<Received> received = new CopyOnWriteArrayList<>();

  private Receiver(Answer answer) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(executor);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            String body =
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(
                new Received(
                    exchange.getRequestMethod(), Map.copyOf(exchange.getRequestHeaders()), body));
            answer.send(exchange);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    server.start();
  }

  static Receiver answering(int status) throws IOException {
    return new Receiver(exchange -> exchange.sendResponseHeaders(status, -1));
  }

  static Receiver redirectingTo(URI location) throws IOException {
    return new Receiver(
        exchange -> {
          exchange.getResponseHeaders().set("Location", location.toString());
          exchange.sendResponseHeaders(302, -1);
        });
  }

  static Receiver answeringAfter(Duration delay) throws IOException {
    return new Receiver(
        exchange -> {
          Thread.sleep(delay.toMillis());
          exchange.sendResponseHeaders(204, -1);
        });
  }

  /** Answers 200 at once, then trickles a body one byte every 100 ms for {@code length}. */
  static Receiver tricklingBodyFor(Duration length) throws IOException {
    return new Receiver(
        exchange -> {
          exchange.sendResponseHeaders(200, 0);
          OutputStream out = exchange.getResponseBody();
          for (long i = 0; i < length.toMillis() / 100; i++) {
            out.write('x');
            out.flush();
            Thread.sleep(100);
          }
        });
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ciba/callback");
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
