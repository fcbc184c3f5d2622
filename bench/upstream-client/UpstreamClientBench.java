import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The upstream leg alone: one MCP tools/call (server-everything's echo) after another on one
 * session, sent by each way a JVM can send it, in interleaved rounds so that every way sees the
 * same machine. Run by bench/upstream-client.sh; JDK only (java UpstreamClientBench.java URL N R).
 *
 * <ul>
 *   <li>socket: the request written in one go on a plain socket, the chunked SSE answer read to its
 *       end on the same thread: the floor for a JVM client;
 *   <li>jdk-httpclient: java.net.http.HttpClient as the gateway uses it (HTTP/1.1, send(),
 *       the body as a publisher, default executor);
 *   <li>jdk-httpclient-same-thread: the same with executor(Runnable::run);
 *   <li>httpurlconnection: java.net.HttpURLConnection, fixed-length streaming;
 *   <li>apache-httpclient5-classic: Apache HttpClient 5's blocking client as the gateway's
 *       UpstreamHttp sets it up (pooled, no retries, redirects, cookies or compression), the body
 *       read to its end on the calling thread.
 * </ul>
 *
 * <p>The last way needs httpclient5 and httpcore5 on the class path, which the script takes from
 * the gateway module's dependencies.
 */
public class UpstreamClientBench {

  interface Way {
    void call() throws Exception;
  }

  static final String CALL =
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\","
          + "\"params\":{\"name\":\"echo\",\"arguments\":{\"message\":\"hi\"}}}";

  public static void main(String[] args) throws Exception {
    URI uri = URI.create(args[0]);
    int perRound = Integer.parseInt(args[1]);
    int rounds = Integer.parseInt(args[2]);
    HttpClient shared = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    String session = initialize(shared, uri);

    Map<String, Way> ways = new LinkedHashMap<>();
    ways.put("socket", socketWay(uri, session));
    ways.put("jdk-httpclient", jdkWay(shared, uri, session));
    HttpClient sameThread =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .executor(Runnable::run)
            .build();
    ways.put("jdk-httpclient-same-thread", jdkWay(sameThread, uri, session));
    ways.put("httpurlconnection", urlConnectionWay(uri, session));
    ways.put("apache-httpclient5-classic", apacheWay(uri, session));

    Map<String, List<Long>> samples = new LinkedHashMap<>();
    ways.keySet().forEach(name -> samples.put(name, new ArrayList<>()));
    for (Way way : ways.values()) { // warm-up: JIT and connections
      for (int i = 0; i < perRound; i++) {
        way.call();
      }
    }
    for (int round = 0; round < rounds; round++) {
      for (var way : ways.entrySet()) {
        // untimed: the server closes a connection idle for 5 s, as while the other ways ran
        way.getValue().call();
        List<Long> into = samples.get(way.getKey());
        for (int i = 0; i < perRound; i++) {
          long started = System.nanoTime();
          way.getValue().call();
          into.add(System.nanoTime() - started);
        }
      }
    }
    System.out.println("| way | calls | p50 ms | p90 ms | p99 ms |");
    System.out.println("|---|---:|---:|---:|---:|");
    for (var entry : samples.entrySet()) {
      long[] sorted = entry.getValue().stream().mapToLong(Long::longValue).toArray();
      Arrays.sort(sorted);
      System.out.printf(
          "| %s | %d | %.3f | %.3f | %.3f |%n",
          entry.getKey(),
          sorted.length,
          at(sorted, 0.50),
          at(sorted, 0.90),
          at(sorted, 0.99));
    }
  }

  static double at(long[] sorted, double quantile) {
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] / 1e6;
  }

  static String initialize(HttpClient client, URI uri) throws Exception {
    String init =
        "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
            + "\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"bench\",\"version\":\"1\"}}}";
    var answer = client.send(post(uri, null, init), HttpResponse.BodyHandlers.ofString());
    String session =
        answer
            .headers()
            .firstValue("Mcp-Session-Id")
            .orElseThrow(() -> new IllegalStateException("no session: " + answer.body()));
    client.send(
        post(uri, session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"),
        HttpResponse.BodyHandlers.discarding());
    return session;
  }

  static HttpRequest post(URI uri, String session, String body) {
    var builder =
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (session != null) {
      builder.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25");
    }
    return builder.build();
  }

  static Way jdkWay(HttpClient client, URI uri, String session) {
    return () -> {
      var response =
          client.send(post(uri, session, CALL), HttpResponse.BodyHandlers.ofPublisher());
      var body = BodySubscribers.ofString(StandardCharsets.UTF_8);
      response.body().subscribe(body);
      expectEcho(body.getBody().toCompletableFuture().get());
    };
  }

  static Way apacheWay(URI uri, String session) {
    var connections =
        org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder.create()
            .setMaxConnPerRoute(200)
            .setMaxConnTotal(1000)
            .build();
    var client =
        org.apache.hc.client5.http.impl.classic.HttpClients.custom()
            .setConnectionManager(connections)
            .disableAutomaticRetries()
            .disableRedirectHandling()
            .disableCookieManagement()
            .disableAuthCaching()
            .disableContentCompression()
            .disableConnectionState()
            .build();
    byte[] body = CALL.getBytes(StandardCharsets.UTF_8);
    var json = org.apache.hc.core5.http.ContentType.create("application/json");
    return () -> {
      var post = new org.apache.hc.client5.http.classic.methods.HttpPost(uri);
      post.setHeader("Accept", "application/json, text/event-stream");
      post.setHeader("Mcp-Session-Id", session);
      post.setHeader("MCP-Protocol-Version", "2025-11-25");
      post.setEntity(new org.apache.hc.core5.http.io.entity.ByteArrayEntity(body, json));
      try (var response = client.executeOpen(null, post, null)) {
        expectEcho(
            new String(response.getEntity().getContent().readAllBytes(), StandardCharsets.UTF_8));
      }
    };
  }

  static Way urlConnectionWay(URI uri, String session) {
    byte[] body = CALL.getBytes(StandardCharsets.UTF_8);
    return () -> {
      var connection = (HttpURLConnection) uri.toURL().openConnection();
      connection.setDoOutput(true);
      connection.setRequestMethod("POST");
      connection.setRequestProperty("Content-Type", "application/json");
      connection.setRequestProperty("Accept", "application/json, text/event-stream");
      connection.setRequestProperty("Mcp-Session-Id", session);
      connection.setRequestProperty("MCP-Protocol-Version", "2025-11-25");
      connection.setFixedLengthStreamingMode(body.length);
      try (OutputStream out = connection.getOutputStream()) {
        out.write(body);
      }
      try (InputStream in = connection.getInputStream()) {
        expectEcho(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    };
  }

  /** HTTP/1.1 by hand: enough for this one server's chunked answer, not a client. */
  static Way socketWay(URI uri, String session) {
    byte[] body = CALL.getBytes(StandardCharsets.UTF_8);
    byte[] head =
        ("POST "
                + uri.getPath()
                + " HTTP/1.1\r\nHost: "
                + uri.getHost()
                + ":"
                + uri.getPort()
                + "\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream"
                + "\r\nMcp-Session-Id: "
                + session
                + "\r\nMCP-Protocol-Version: 2025-11-25\r\nContent-Length: "
                + body.length
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] end = "\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    Socket[] connection = new Socket[1];
    return () -> {
      for (int attempt = 0; ; attempt++) {
        if (connection[0] == null) {
          connection[0] = new Socket(uri.getHost(), uri.getPort());
          connection[0].setTcpNoDelay(true);
        }
        try {
          expectEcho(exchange(connection[0], head, body, end));
          return;
        } catch (IOException closed) {
          connection[0].close();
          connection[0] = null; // the server closed an idle connection: once more on a new one
          if (attempt > 0) {
            throw closed;
          }
        }
      }
    };
  }

  static String exchange(Socket socket, byte[] head, byte[] body, byte[] end) throws IOException {
    OutputStream out = new BufferedOutputStream(socket.getOutputStream());
    out.write(head);
    out.write(body);
    out.flush();
    InputStream in = new BufferedInputStream(socket.getInputStream());
    StringBuilder answer = new StringBuilder();
    int matched = 0;
    while (matched < end.length) {
      int c = in.read();
      if (c < 0) {
        throw new IOException("the server closed the connection");
      }
      answer.append((char) c);
      matched = c == end[matched] ? matched + 1 : (c == end[0] ? 1 : 0);
    }
    return answer.toString();
  }

  static void expectEcho(String answer) {
    if (!answer.contains("Echo: hi")) {
      throw new IllegalStateException("not the echo: " + answer);
    }
  }
}
