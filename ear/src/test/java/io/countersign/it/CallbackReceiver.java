package io.countersign.it;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A client's notification endpoint, in the test: records every ping or push callback. {@code
 * /redirect} answers 302 to {@code /moved}, which must never be called.
 */
final class CallbackReceiver implements AutoCloseable {

  /** One received callback. */
  record Callback(String path, String authorization, String contentType, String body) {}

  private final HttpServer server;
  private final LinkedBlockingQueue<Callback> received = new LinkedBlockingQueue<>();

  CallbackReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          String path = exchange.getRequestURI().getPath();
          received.add(
              new Callback(
                  path,
                  exchange.getRequestHeaders().getFirst("Authorization"),
                  exchange.getRequestHeaders().getFirst("Content-Type"),
                  body));
          if (path.endsWith("/redirect")) {
            exchange.getResponseHeaders().add("Location", url() + "/moved");
            exchange.sendResponseHeaders(302, -1);
          } else {
            exchange.sendResponseHeaders(204, -1);
          }
          exchange.close();
        });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The next callback, or null when none arrives in time. */
  Callback next(Duration timeout) throws InterruptedException {
    return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Every callback received so far, by path. */
  Map<String, Long> counts() {
    return received.stream()
        .collect(
            java.util.stream.Collectors.groupingBy(
                Callback::path, java.util.stream.Collectors.counting()));
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
