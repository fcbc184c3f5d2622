package io.countersign.ciba.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.countersign.ciba.delivery.NotificationSender;
import io.countersign.tenant.notification.ChatWebhook;
import io.countersign.tenant.outbound.OutboundUrlPolicy;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The signed webhook, received by a local HTTP server that checks what a receiver would. */
class WebhookSenderTest {

  private static final String SECRET = "whsec-0123456789abcdef0123456789abcdef";

  private record Received(String timestamp, String signature, String body) {}

  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger status = new AtomicInteger(204);
  private HttpServer server;
  private URI url;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/hook",
        exchange -> {
          try (exchange) {
            received.add(
                new Received(
                    exchange.getRequestHeaders().getFirst("Countersign-Timestamp"),
                    exchange.getRequestHeaders().getFirst("Countersign-Signature"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            if (status.get() == 302) {
              exchange.getResponseHeaders().add("Location", "http://169.254.169.254/");
            }
            exchange.sendResponseHeaders(status.get(), -1);
          }
        });
    server.start();
    url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private WebhookSender sender(boolean allowPrivateNetworks) {
    return new WebhookSender(
        new NotificationSender(new OutboundUrlPolicy(allowPrivateNetworks), Duration.ofSeconds(2)),
        "https://approvals.acme.example");
  }

  @Test
  void sendWhenReceivedThenSignatureIsHmacOfTimestampAndBodyAndWrongSecretFails() throws Exception {
    ApproverNotice notice =
        TestNotices.requested(List.of("fiona@acme.example", "fred@acme.example"));
    Instant now = TestNotices.T0.plusSeconds(30);

    NoticeOutcome outcome = sender(true).send(new ChatWebhook(url, SECRET), notice, now);

    assertEquals(new NoticeOutcome.Sent(), outcome);
    Received hook = received.get(0);
    assertEquals(Long.toString(now.getEpochSecond()), hook.timestamp());
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String expected =
        "v1="
            + HexFormat.of()
                .formatHex(
                    mac.doFinal(
                        (hook.timestamp() + "." + hook.body()).getBytes(StandardCharsets.UTF_8)));
    assertEquals(expected, hook.signature());
    assertTrue(
        WebhookSignature.verify(SECRET, hook.timestamp(), hook.signature(), hook.body(), now));
    assertFalse(
        WebhookSignature.verify(
            "another-secret-0123456789abcdef0123",
            hook.timestamp(),
            hook.signature(),
            hook.body(),
            now));
    assertFalse(
        WebhookSignature.verify(
            SECRET, hook.timestamp(), hook.signature(), hook.body().replace("150", "1500"), now));
    assertFalse(
        WebhookSignature.verify(
            SECRET, hook.timestamp(), hook.signature(), hook.body(), now.plusSeconds(301)),
        "a replay older than 5 minutes is refused");

    JsonObject body = Json.createReader(new StringReader(hook.body())).readObject();
    assertEquals("approval.requested", body.getString("type"));
    assertEquals("acme", body.getString("tenant"));
    assertEquals(notice.requestId().toString(), body.getString("request_id"));
    assertEquals("Refund 150 EUR on order A-17", body.getString("summary"));
    assertEquals("high", body.getString("risk"));
    assertEquals(notice.expiresAt().toString(), body.getString("expires_at"));
    assertEquals(
        "https://approvals.acme.example/t/acme/approve/#/requests/" + notice.requestId(),
        body.getString("url"));
    assertEquals(
        List.of("fiona@acme.example", "fred@acme.example"),
        body.getJsonArray("recipients").getValuesAs(jakarta.json.JsonString.class).stream()
            .map(jakarta.json.JsonString::getString)
            .toList());
    assertFalse(hook.body().contains("amount"), "no argument in the webhook: " + hook.body());
    assertFalse(hook.body().contains(SECRET));
  }

  @Test
  void sendWhenReceiverAnswers500ThenRetryableAnd302NotFollowed() {
    ApproverNotice notice = TestNotices.requested(List.of());
    status.set(500);

    NoticeOutcome failed = sender(true).send(new ChatWebhook(url, SECRET), notice, TestNotices.T0);

    assertTrue(assertInstanceOf(NoticeOutcome.Failed.class, failed).retryable());
    status.set(302);
    NoticeOutcome redirected =
        sender(true).send(new ChatWebhook(url, SECRET), notice, TestNotices.T0);
    assertFalse(assertInstanceOf(NoticeOutcome.Failed.class, redirected).retryable());
    assertEquals(2, received.size(), "the redirect was not followed");
  }

  @Test
  void sendWhenWebhookOnPrivateNetworkAndNotAllowedThenRefusedBeforeConnecting() {
    NoticeOutcome outcome =
        sender(false)
            .send(new ChatWebhook(url, SECRET), TestNotices.requested(List.of()), TestNotices.T0);

    NoticeOutcome.Failed failed = assertInstanceOf(NoticeOutcome.Failed.class, outcome);
    assertFalse(failed.retryable());
    assertTrue(failed.reason().contains("loopback") || failed.reason().contains("private"));
    assertTrue(received.isEmpty());
  }
}
