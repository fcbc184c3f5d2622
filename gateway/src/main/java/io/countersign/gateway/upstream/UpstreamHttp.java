package io.countersign.gateway.upstream;

import io.countersign.tenant.UpstreamEndpoint;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.impl.io.HttpRequestExecutor;
import org.apache.hc.core5.http.io.HttpClientConnection;
import org.apache.hc.core5.http.io.HttpResponseInformationCallback;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The HTTP/1.1 client of upstream MCP servers: blocking, so that a call is written and its answer
 * read on the thread that handles the call, with pooled keep-alive connections. An asynchronous
 * client hands every answer from its selector thread to a worker and then to the waiting thread; on
 * two cores those hand-offs cost more than the rest of the upstream leg (BENCHMARKS.md).
 *
 * <p>Never retries and never follows redirects: a {@code tools/call} is sent at most once, and an
 * upstream's address is only ever the one the outbound guard checked.
 */
final class UpstreamHttp implements AutoCloseable {

  /** Connections to one upstream URL's host and port, and in all. */
  static final int MAX_CONNECTIONS_PER_UPSTREAM = 200;

  static final int MAX_CONNECTIONS = 1_000;

  /** A pooled connection idle this long is checked before it carries another request. */
  private static final TimeValue VALIDATE_AFTER_INACTIVITY = TimeValue.ofSeconds(1);

  private static final String WIRE = UpstreamHttp.class.getName() + ".wire";

  private final Map<Duration, CloseableHttpClient> clients = new ConcurrentHashMap<>();
  private final DnsResolver resolver;

  /**
   * A client whose connections go only to addresses {@code reachable} allows: the upstream's name
   * is resolved as each connection is made, and a name with any address it refuses is not connected
   * to at all ({@link RefusedAddress}).
   */
  UpstreamHttp(Predicate<InetAddress> reachable) {
    this.resolver = new CheckedResolver(reachable);
  }

  /** A name resolved, as a connection was made, to an address the gateway may not reach. */
  static final class RefusedAddress extends UnknownHostException {
    RefusedAddress(String host) {
      super(host + " resolves to an address the gateway may not reach");
    }
  }

  /**
   * A response whose status and headers have arrived. Its body is read from {@link #body()}, each
   * read waiting at most {@link #readWithin}; the caller then either {@link #release releases} the
   * connection or {@link #abort aborts} it.
   */
  record Response(HttpUriRequestBase request, ClassicHttpResponse response, Wire wire) {

    int status() {
      return response.getCode();
    }

    Optional<String> header(String name) {
      var header = response.getFirstHeader(name);
      return header == null ? Optional.empty() : Optional.of(header.getValue());
    }

    /** The body's {@code Content-Type}, lower case; empty if there is none. */
    String contentType() {
      return header("Content-Type").orElse("").toLowerCase();
    }

    /** A 200 whose body is an SSE stream. */
    boolean isEventStream() {
      return status() == 200 && contentType().startsWith("text/event-stream");
    }

    /**
     * The body as the connection delivers it (chunked or not), or an empty stream if there is none.
     * A read that waits longer than {@link #readWithin} throws {@link
     * java.net.SocketTimeoutException} and leaves the stream where it was: the next read goes on.
     */
    InputStream body() {
      return wire.body();
    }

    /** Bounds the wait of the body's next reads. */
    void readWithin(Duration wait) {
      wire.connection().setSocketTimeout(timeout(wait));
    }

    /** Reads what is left of the body, so that the connection can carry the next request. */
    void release() {
      try (var closing = (Closeable) response) {
        EntityUtils.consume(response.getEntity());
      } catch (IOException e) {
        // the connection is discarded instead; there is nothing else to release
      }
    }

    /** Closes the connection at once, whatever of the body is still to come. */
    void abort() {
      request.cancel();
      try {
        ((Closeable) response).close();
      } catch (IOException e) {
        // already closed by the cancellation
      }
    }
  }

  /**
   * The connection a response arrived on and its body as the connection reads it. The client wraps
   * that body in a stream that discards the connection on any failed read, a timed-out wait
   * included; an upstream's event stream may rightly be quiet for longer than a reader waits at a
   * time, so its reads go to the connection's own stream, and the wrapper only releases or closes.
   */
  record Wire(HttpClientConnection connection, InputStream body) {}

  /**
   * Sends {@code request} to {@code endpoint} and waits up to its read timeout for the answer's
   * headers; a connection is made (or taken from the pool) within its connect timeout.
   */
  Response execute(UpstreamEndpoint endpoint, HttpUriRequestBase request) throws IOException {
    request.setConfig(
        RequestConfig.custom()
            .setResponseTimeout(timeout(endpoint.readTimeout()))
            .setConnectionRequestTimeout(timeout(endpoint.connectTimeout()))
            .setRedirectsEnabled(false)
            .build());
    var context = HttpClientContext.create();
    ClassicHttpResponse response =
        client(endpoint.connectTimeout()).executeOpen(null, request, context);
    return new Response(request, response, (Wire) context.getAttribute(WIRE));
  }

  @Override
  public void close() {
    clients.values().forEach(client -> client.close(CloseMode.GRACEFUL));
    clients.clear();
  }

  private CloseableHttpClient client(Duration connectTimeout) {
    return clients.computeIfAbsent(connectTimeout, this::newClient);
  }

  private CloseableHttpClient newClient(Duration connectTimeout) {
    var connections =
        PoolingHttpClientConnectionManagerBuilder.create()
            .setDnsResolver(resolver)
            .setTlsSocketStrategy(DefaultClientTlsStrategy.createSystemDefault())
            .setMaxConnPerRoute(MAX_CONNECTIONS_PER_UPSTREAM)
            .setMaxConnTotal(MAX_CONNECTIONS)
            .setDefaultConnectionConfig(
                ConnectionConfig.custom()
                    .setConnectTimeout(timeout(connectTimeout))
                    .setValidateAfterInactivity(VALIDATE_AFTER_INACTIVITY)
                    .build())
            .build();
    return HttpClients.custom()
        .setConnectionManager(connections)
        .setRequestExecutor(new WireCapture())
        .setUserAgent("Countersign")
        .disableAutomaticRetries()
        .disableRedirectHandling()
        .disableCookieManagement()
        .disableAuthCaching()
        .disableContentCompression()
        .disableConnectionState()
        .build();
  }

  private static Timeout timeout(Duration duration) {
    return Timeout.ofMilliseconds(Math.max(1, duration.toMillis()));
  }

  /**
   * The system's resolver, then the outbound rules on what it answered: the check before a request
   * and the connection's own lookup may get different answers (DNS rebinding), so the addresses a
   * connection goes to are checked where they are chosen.
   */
  private static final class CheckedResolver extends SystemDefaultDnsResolver {
    private final Predicate<InetAddress> reachable;

    CheckedResolver(Predicate<InetAddress> reachable) {
      this.reachable = reachable;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
      InetAddress[] addresses = super.resolve(host);
      for (InetAddress address : addresses) {
        if (!reachable.test(address)) {
          throw new RefusedAddress(host);
        }
      }
      return addresses;
    }
  }

  /** Keeps the {@link Wire} of each response. */
  private static final class WireCapture extends HttpRequestExecutor {
    @Override
    public ClassicHttpResponse execute(
        ClassicHttpRequest request,
        HttpClientConnection connection,
        HttpResponseInformationCallback informationCallback,
        HttpContext context)
        throws IOException, HttpException {
      ClassicHttpResponse response =
          super.execute(request, connection, informationCallback, context);
      HttpEntity entity = response.getEntity();
      InputStream body = entity == null ? InputStream.nullInputStream() : entity.getContent();
      context.setAttribute(WIRE, new Wire(connection, body));
      return response;
    }
  }
}
