package io.countersign.ciba.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.firebase.messaging.FirebaseMessaging;
import com.sun.net.httpserver.HttpServer;
import io.countersign.ciba.details.TestCalls;
import io.countersign.ciba.device.PushToken;
import io.countersign.ciba.device.PushTokens;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pushes through the real Firebase Admin SDK to a fake FCM server on 127.0.0.1: the SDK's HTTP
 * transport rewrites {@code https://fcm.googleapis.com} to it.
 */
class PushSenderTest {

  private static final String GONE = "token-the-app-uninstalled";
  private static final String UNREGISTERED =
      """
      {"error": {"code": 404, "message": "Requested entity was not found.", "status": "NOT_FOUND",
       "details": [{"@type": "type.googleapis.com/google.firebase.fcm.v1.FcmError",
                    "errorCode": "UNREGISTERED"}]}}
      """;

  private final List<String[]> received = new CopyOnWriteArrayList<>();
  private HttpServer fcm;
  private FirebaseMessaging messaging;
  private final InMemoryTokens tokens = new InMemoryTokens();
  private final UUID phone = UUID.randomUUID();
  private final UUID oldTablet = UUID.randomUUID();

  @BeforeEach
  void startFakeFcm() throws IOException {
    fcm = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    fcm.createContext(
        "/",
        exchange -> {
          try (exchange) {
            String body =
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(
                new String[] {
                  exchange.getRequestURI().getPath(),
                  exchange.getRequestHeaders().getFirst("Authorization"),
                  body
                });
            boolean gone = body.contains(GONE);
            byte[] answer =
                (gone ? UNREGISTERED : "{\"name\": \"projects/test-project/messages/1\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(gone ? 404 : 200, answer.length);
            exchange.getResponseBody().write(answer);
          }
        });
    fcm.start();
    String local = "http://127.0.0.1:" + fcm.getAddress().getPort();
    NetHttpTransport transport =
        new NetHttpTransport.Builder()
            .setConnectionFactory(
                url ->
                    (HttpURLConnection)
                        new URL(url.toString().replace("https://fcm.googleapis.com", local))
                            .openConnection(Proxy.NO_PROXY))
            .build();
    GoogleCredentials credentials =
        GoogleCredentials.create(
            new AccessToken("test", Date.from(Instant.now().plus(Duration.ofHours(1)))));
    messaging =
        FcmClients.forCredentials(
            "test-" + UUID.randomUUID(),
            credentials,
            "test-project",
            java.util.Optional.of(transport));
    tokens.devices.put(
        "fred@acme.example",
        new ArrayList<>(List.of(new PushToken(phone, "token-of-freds-phone"))));
  }

  @AfterEach
  void stopFakeFcm() {
    fcm.stop(0);
  }

  @Test
  void sendWhenApproverHasDeviceThenFcmGetsNotificationDataAndTtlButNoArguments() {
    PushSender sender = new PushSender(messaging, tokens);
    ApproverNotice notice = TestNotices.requested(List.of("fred@acme.example")).alone();
    Instant now = TestNotices.T0.plus(Duration.ofMinutes(1));

    NoticeOutcome outcome = sender.send("fred@acme.example", notice, now);

    assertEquals(new NoticeOutcome.Sent(), outcome);
    assertEquals(1, received.size());
    assertEquals("/v1/projects/test-project/messages:send", received.get(0)[0]);
    assertEquals("Bearer test", received.get(0)[1]);
    String body = received.get(0)[2];
    JsonObject message = json(body).getJsonObject("message");
    assertEquals("token-of-freds-phone", message.getString("token"));
    assertEquals("Approval needed", message.getJsonObject("notification").getString("title"));
    assertEquals(
        "Refund 150 EUR on order A-17", message.getJsonObject("notification").getString("body"));
    JsonObject data = message.getJsonObject("data");
    assertEquals(Set.of("tenant", "request_id", "url", "kind"), data.keySet());
    assertEquals("acme", data.getString("tenant"));
    assertEquals(notice.requestId().toString(), data.getString("request_id"));
    assertEquals("/t/acme/approve/#/requests/" + notice.requestId(), data.getString("url"));
    assertEquals("requested", data.getString("kind"));
    // the request has 14 minutes left: it expires with the request on every platform
    assertEquals("840s", message.getJsonObject("android").getString("ttl"));
    assertEquals("high", message.getJsonObject("android").getString("priority"));
    assertEquals(
        Long.toString(notice.expiresAt().getEpochSecond()),
        message.getJsonObject("apns").getJsonObject("headers").getString("apns-expiration"));
    assertEquals("840", message.getJsonObject("webpush").getJsonObject("headers").getString("TTL"));
    assertFalse(body.contains(TestCalls.ARGUMENTS_SHA256), body);
    assertFalse(body.contains("amount"), "no argument reaches FCM: " + body);
    assertFalse(body.contains("auth_req_id"), body);
  }

  @Test
  void sendWhenFcmAnswersUnregisteredThenTokenForgottenAndNextSendSkipsIt() {
    tokens.devices.get("fred@acme.example").add(new PushToken(oldTablet, GONE));
    PushSender sender = new PushSender(messaging, tokens);
    ApproverNotice notice = TestNotices.requested(List.of()).alone();

    NoticeOutcome first = sender.send("fred@acme.example", notice, TestNotices.T0);

    assertEquals(new NoticeOutcome.Sent(), first, "the phone still got it");
    assertEquals(List.of(oldTablet), tokens.forgotten);
    assertEquals(2, received.size());
    received.clear();

    sender.send("fred@acme.example", notice, TestNotices.T0);

    assertEquals(1, received.size());
    assertFalse(received.get(0)[2].contains(GONE));
  }

  @Test
  void sendWhenOnlyDeviceIsUnregisteredThenSkippedWithoutTheToken() {
    tokens.devices.put(
        "fiona@acme.example", new ArrayList<>(List.of(new PushToken(oldTablet, GONE))));
    PushSender sender = new PushSender(messaging, tokens);

    NoticeOutcome outcome =
        sender.send("fiona@acme.example", TestNotices.requested(List.of()), TestNotices.T0);

    NoticeOutcome.Skipped skipped = assertInstanceOf(NoticeOutcome.Skipped.class, outcome);
    assertFalse(skipped.reason().contains(GONE), skipped.reason());
    assertTrue(tokens.devices.get("fiona@acme.example").isEmpty());
  }

  @Test
  void sendWhenNoDeviceOrExpiredThenSkippedAndNothingSent() {
    PushSender sender = new PushSender(messaging, tokens);
    ApproverNotice notice = TestNotices.requested(List.of());

    assertInstanceOf(
        NoticeOutcome.Skipped.class, sender.send("frank@acme.example", notice, TestNotices.T0));
    assertInstanceOf(
        NoticeOutcome.Skipped.class, sender.send("fred@acme.example", notice, notice.expiresAt()));
    assertTrue(received.isEmpty());
  }

  private static JsonObject json(String text) {
    try (var reader = Json.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }

  /** Devices by email, as {@code approver_device} would hold them. */
  private static final class InMemoryTokens implements PushTokens {
    final Map<String, List<PushToken>> devices = new java.util.concurrent.ConcurrentHashMap<>();
    final List<UUID> forgotten = new CopyOnWriteArrayList<>();

    @Override
    public List<PushToken> of(String tenantId, String email) {
      return List.copyOf(devices.getOrDefault(email, List.of()));
    }

    @Override
    public void forget(String tenantId, UUID deviceId) {
      forgotten.add(deviceId);
      devices.values().forEach(list -> list.removeIf(t -> t.deviceId().equals(deviceId)));
    }
  }
}
