package io.countersign.ciba.delivery;

import io.countersign.ciba.delivery.DeliveryResult.Delivered;
import io.countersign.ciba.delivery.DeliveryResult.Failed;
import io.countersign.ciba.delivery.DeliveryResult.Refused;
import io.countersign.tenant.outbound.OutboundCheck;
import io.countersign.tenant.outbound.OutboundUrlPolicy;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * POSTs a {@link Notification} to the client's endpoint (CIBA Core 1.0, 10.2, 10.3) with {@code
 * Authorization: Bearer <client_notification_token>}, after the outbound policy has judged the URL
 * and every address its host resolves to. Redirects are never followed. Logs nothing; results carry
 * reasons without the token or body.
 *
 * <p>Connecting to the checked address: the ideal is to connect to the checked IP literal and send
 * the name in {@code Host}, but {@link HttpClient} forbids setting {@code Host} (only the JVM-wide
 * {@code jdk.httpclient.allowRestrictedHeaders} allows it) and, for https, takes SNI and hostname
 * verification from the URL, so an IP-literal URL breaks TLS; Java 17 has no per-client resolver
 * either. So this checks and then connects by name: with {@link HostResolver#system()} the client's
 * own lookup is answered from the JVM cache the check just filled ({@code
 * networkaddress.cache.ttl}, 30 s by default), so the connection goes to a checked address unless
 * that entry expires in the moment between check and connect. The client uses no proxy: a proxy
 * would connect to addresses nobody checked.
 */
public final class NotificationSender {

  private final OutboundUrlPolicy policy;
  private final Duration timeout;
  private final HostResolver resolver;
  private final HttpClient client;

  /** A sender resolving names with the JDK; {@code timeout} bounds connect and answer each. */
  public NotificationSender(OutboundUrlPolicy policy, Duration timeout) {
    this(policy, timeout, HostResolver.system());
  }

  /** A sender resolving names with {@code resolver} (tests simulate DNS rebinding with it). */
  public NotificationSender(OutboundUrlPolicy policy, Duration timeout, HostResolver resolver) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.resolver = Objects.requireNonNull(resolver, "resolver");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive");
    }
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(timeout)
            .build();
  }

  /** One delivery attempt; blocks for at most about three times the timeout. */
  public DeliveryResult send(Notification notification) {
    return post(
        notification.endpoint(),
        Map.of("Authorization", "Bearer " + notification.clientNotificationToken()),
        notification.jsonBody());
  }

  /**
   * One POST of a JSON body with these extra headers to an endpoint the outbound policy permits (a
   * tenant's webhook, too); blocks for at most about three times the timeout.
   */
  public DeliveryResult post(URI endpoint, Map<String, String> headers, String jsonBody) {
    Optional<DeliveryResult> refusal = check(endpoint);
    return refusal.isPresent() ? refusal.get() : exchange(endpoint, headers, jsonBody);
  }

  private Optional<DeliveryResult> check(URI endpoint) {
    if (policy.checkUrl(endpoint) instanceof OutboundCheck.Refused refused) {
      return Optional.of(new Refused(refused.reason()));
    }
    String host = endpoint.getHost().replaceAll("^\\[|]$", ""); // IPv6 literals come bracketed
    InetAddress[] addresses;
    try {
      addresses = resolver.resolve(host);
    } catch (UnknownHostException e) {
      return Optional.of(new Failed("unknown host " + host, true));
    }
    if (addresses.length == 0) {
      return Optional.of(new Failed("no address for host " + host, true));
    }
    // A name that passed checkUrl may resolve inside (DNS rebinding): every address must pass.
    for (InetAddress address : addresses) {
      if (policy.checkAddress(address) instanceof OutboundCheck.Refused refused) {
        return Optional.of(new Refused(refused.reason()));
      }
    }
    return Optional.empty();
  }

  private DeliveryResult exchange(URI endpoint, Map<String, String> headers, String jsonBody) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(endpoint)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
    headers.forEach(builder::header);
    HttpRequest request = builder.build();
    // The status is the whole answer; it is taken as soon as the headers arrive because the JDK's
    // request timeout does not cover the body, which a slow client could otherwise trickle forever.
    CompletableFuture<Integer> status = new CompletableFuture<>();
    CompletableFuture<HttpResponse<Void>> exchange =
        client.sendAsync(
            request,
            info -> {
              status.complete(info.statusCode());
              return BodySubscribers.discarding();
            });
    exchange.whenComplete(
        (response, failure) -> {
          if (failure != null) {
            status.completeExceptionally(unwrap(failure));
          }
        });
    try {
      int code = status.get(timeout.multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS);
      awaitBody(exchange);
      return byStatus(code);
    } catch (ExecutionException e) {
      return byFailure(unwrap(e.getCause()));
    } catch (TimeoutException e) {
      exchange.cancel(true);
      return new Failed("no answer within " + timeout.toMillis() + " ms", true);
    } catch (InterruptedException e) {
      exchange.cancel(true);
      Thread.currentThread().interrupt();
      return new Failed("interrupted while waiting for the answer", true);
    }
  }

  // Lets a short body finish so the connection can be reused; cuts off one that takes too long.
  private void awaitBody(CompletableFuture<HttpResponse<Void>> exchange) {
    try {
      exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      // The status already answered; a broken body does not change it.
    } catch (TimeoutException e) {
      exchange.cancel(true);
    } catch (InterruptedException e) {
      exchange.cancel(true);
      Thread.currentThread().interrupt();
    }
  }

  private static DeliveryResult byStatus(int code) {
    // CIBA Core 1.0, 10.2 and 10.3: "The Client MUST respond with an HTTP 204 No Content"; a 200
    // from a lenient client means the same.
    if (code >= 200 && code < 300) {
      return new Delivered(code);
    }
    // A redirect on a callback could point anywhere, past the policy: never followed, not retried.
    if (code >= 300 && code < 400) {
      return new Failed("endpoint answered " + code + "; redirects are not followed", false);
    }
    // Request Timeout and Too Many Requests invite a later try, unlike the other 4xx.
    if (code == 408 || code == 429 || (code >= 500 && code < 600)) {
      return new Failed("endpoint answered " + code, true);
    }
    return new Failed("endpoint answered " + code, false);
  }

  private DeliveryResult byFailure(Throwable cause) {
    if (cause instanceof HttpConnectTimeoutException) {
      return new Failed("could not connect within " + timeout.toMillis() + " ms", true);
    }
    if (cause instanceof HttpTimeoutException) {
      return new Failed("no answer within " + timeout.toMillis() + " ms", true);
    }
    if (cause instanceof ConnectException) {
      return new Failed("connection refused", true);
    }
    if (cause instanceof SSLException) {
      return new Failed("TLS failed (" + cause.getClass().getSimpleName() + ")", true);
    }
    if (cause instanceof IOException) {
      return new Failed("connection failed (" + cause.getClass().getSimpleName() + ")", true);
    }
    throw new IllegalStateException("callback request failed unexpectedly", cause);
  }

  private static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause()
        : failure;
  }
}
