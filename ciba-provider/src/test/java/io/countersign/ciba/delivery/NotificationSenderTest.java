package io.countersign.ciba.delivery;

import static io.countersign.ciba.delivery.TestNotifications.ACCESS_TOKEN;
import static io.countersign.ciba.delivery.TestNotifications.AUTHORIZATION_DETAILS;
import static io.countersign.ciba.delivery.TestNotifications.AUTH_REQ_ID;
import static io.countersign.ciba.delivery.TestNotifications.CLIENT_NOTIFICATION_TOKEN;
import static io.countersign.ciba.delivery.TestNotifications.EXPIRES_IN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.oauth2.sdk.ciba.CIBAErrorDelivery;
import com.nimbusds.oauth2.sdk.ciba.CIBAPingCallback;
import com.nimbusds.oauth2.sdk.ciba.CIBAPushCallback;
import com.nimbusds.oauth2.sdk.ciba.CIBATokenDelivery;
import com.nimbusds.oauth2.sdk.token.AccessTokenType;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import io.countersign.ciba.delivery.DeliveryResult.Delivered;
import io.countersign.ciba.delivery.DeliveryResult.Failed;
import io.countersign.ciba.delivery.DeliveryResult.Refused;
import io.countersign.tenant.outbound.OutboundUrlPolicy;
import jakarta.json.Json;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class NotificationSenderTest {

  private static final Duration TIMEOUT = Duration.ofMillis(300);
  private static final OutboundUrlPolicy PRIVATE_ALLOWED = new OutboundUrlPolicy(true);
  private static final OutboundUrlPolicy PUBLIC_ONLY = new OutboundUrlPolicy(false);

  private final NotificationSender sender = new NotificationSender(PRIVATE_ALLOWED, TIMEOUT);

  @Test
  void pingArrivesWithBearerTokenAndAuthReqId() throws Exception {
    try (Receiver client = Receiver.answering(204)) {
      DeliveryResult result = sender.send(TestNotifications.ping(client.endpoint()));

      assertEquals(new Delivered(204), result);
      Receiver.Received received = single(client);
      var ping = CIBAPingCallback.parse(received.toNimbus(client.endpoint()));
      assertEquals(CLIENT_NOTIFICATION_TOKEN, ping.getAccessToken().getValue());
      assertEquals(AUTH_REQ_ID, ping.getAuthRequestID().getValue());
      assertEquals(List.of("application/json"), received.headers().get("Content-type"));
    }
  }

  @Test
  void pushedTokensArriveWithExactAuthorizationDetails() throws Exception {
    try (Receiver client = Receiver.answering(200)) {
      DeliveryResult result = sender.send(TestNotifications.pushTokens(client.endpoint()));

      assertEquals(new Delivered(200), result);
      Receiver.Received received = single(client);
      CIBAPushCallback push = CIBAPushCallback.parse(received.toNimbus(client.endpoint()));
      assertTrue(push.indicatesSuccess());
      CIBATokenDelivery delivery = push.toTokenDelivery();
      assertEquals(CLIENT_NOTIFICATION_TOKEN, delivery.getAccessToken().getValue());
      assertEquals(AUTH_REQ_ID, delivery.getAuthRequestID().getValue());
      OIDCTokens tokens = delivery.getOIDCTokens();
      assertEquals(ACCESS_TOKEN, tokens.getAccessToken().getValue());
      assertEquals(AccessTokenType.BEARER, tokens.getAccessToken().getType());
      assertEquals(EXPIRES_IN, tokens.getAccessToken().getLifetime());
      assertEquals(
          AUTH_REQ_ID,
          tokens
              .getIDToken()
              .getJWTClaimsSet()
              .getClaim("urn:openid:params:jwt:claim:auth_req_id"));
      var details =
          Json.createReader(new StringReader(received.body()))
              .readObject()
              .getJsonArray("authorization_details");
      assertEquals(Json.createReader(new StringReader(AUTHORIZATION_DETAILS)).readArray(), details);
      var detail = details.getJsonObject(0);
      assertEquals(
          new BigDecimal("12345678901234567890"),
          detail.getJsonObject("instructedAmount").getJsonNumber("amount").bigDecimalValue());
      assertEquals(new BigDecimal("0.1"), detail.getJsonNumber("fee").bigDecimalValue());
    }
  }

  @Test
  void pushedErrorArrivesWithErrorAndAuthReqId() throws Exception {
    try (Receiver client = Receiver.answering(204)) {
      Notification notification =
          Notification.pushError(
              client.endpoint(),
              CLIENT_NOTIFICATION_TOKEN,
              AUTH_REQ_ID,
              "expired_token",
              "no quorum before expiry");

      assertEquals(new Delivered(204), sender.send(notification));

      CIBAPushCallback push = CIBAPushCallback.parse(single(client).toNimbus(client.endpoint()));
      assertFalse(push.indicatesSuccess());
      CIBAErrorDelivery error = push.toErrorDelivery();
      assertEquals(CLIENT_NOTIFICATION_TOKEN, error.getAccessToken().getValue());
      assertEquals(AUTH_REQ_ID, error.getAuthRequestID().getValue());
      assertEquals("expired_token", error.getErrorObject().getCode());
      assertEquals("no quorum before expiry", error.getErrorObject().getDescription());
    }
  }

  @Test
  void pingToPrivateAddressIsRefused() throws Exception {
    try (Receiver client = Receiver.answering(204)) {
      var publicOnly = new NotificationSender(PUBLIC_ONLY, TIMEOUT);

      DeliveryResult result = publicOnly.send(TestNotifications.ping(client.endpoint()));

      assertInstanceOf(Refused.class, result);
      assertEquals(List.of(), client.received());
    }
  }

  @Test
  void pingToMetadataAddressIsRefused() {
    // Refused even where private networks are allowed: metadata is never reachable.
    DeliveryResult result =
        sender.send(TestNotifications.ping(URI.create("http://169.254.169.254/latest/meta-data")));

    assertInstanceOf(Refused.class, result);
  }

  @Test
  void dnsRebindingToPrivateAddressIsRefused() {
    List<String> asked = new CopyOnWriteArrayList<>();
    var rebinding =
        new NotificationSender(
            PUBLIC_ONLY,
            TIMEOUT,
            host -> {
              asked.add(host);
              return new InetAddress[] {InetAddress.getByAddress(host, new byte[] {10, 0, 0, 1})};
            });

    DeliveryResult result =
        rebinding.send(TestNotifications.ping(URI.create("https://callback.client.example/ciba")));

    assertInstanceOf(Refused.class, result);
    assertEquals(List.of("callback.client.example"), asked);
  }

  @Test
  void dnsAnswerHidingOnePrivateAmongPublicAddressesIsRefused() {
    var mixed =
        new NotificationSender(
            PUBLIC_ONLY,
            TIMEOUT,
            host ->
                new InetAddress[] {
                  InetAddress.getByAddress(host, new byte[] {93, (byte) 184, (byte) 216, 34}),
                  InetAddress.getByAddress(host, new byte[] {(byte) 192, (byte) 168, 1, 1})
                });

    DeliveryResult result =
        mixed.send(TestNotifications.ping(URI.create("https://callback.client.example/ciba")));

    assertInstanceOf(Refused.class, result);
  }

  @Test
  void dnsRebindingToMetadataIsRefusedEvenWithPrivateNetworksAllowed() {
    var rebinding =
        new NotificationSender(
            PRIVATE_ALLOWED,
            TIMEOUT,
            host ->
                new InetAddress[] {
                  InetAddress.getByAddress(
                      host, new byte[] {(byte) 169, (byte) 254, (byte) 169, (byte) 254})
                });

    DeliveryResult result =
        rebinding.send(TestNotifications.ping(URI.create("https://callback.client.example/ciba")));

    assertInstanceOf(Refused.class, result);
  }

  @Test
  void nonHttpSchemeIsRefused() {
    var gopher =
        new Notification(
            URI.create("gopher://127.0.0.1:6379/_FLUSHALL"),
            CLIENT_NOTIFICATION_TOKEN,
            "{}",
            Notification.Kind.PING);

    DeliveryResult result = sender.send(gopher);

    assertInstanceOf(Refused.class, result);
  }

  @Test
  void redirectIsNotFollowed() throws Exception {
    try (Receiver target = Receiver.answering(204);
        Receiver client = Receiver.redirectingTo(target.endpoint())) {

      DeliveryResult result = sender.send(TestNotifications.ping(client.endpoint()));

      assertEquals(new Failed("endpoint answered 302; redirects are not followed", false), result);
      assertEquals(1, client.received().size());
      assertEquals(List.of(), target.received());
    }
  }

  @Test
  void serverErrorIsRetryable() throws Exception {
    try (Receiver client = Receiver.answering(503)) {
      assertEquals(
          new Failed("endpoint answered 503", true),
          sender.send(TestNotifications.ping(client.endpoint())));
    }
  }

  @Test
  void clientErrorIsNotRetried() throws Exception {
    try (Receiver client = Receiver.answering(401)) {
      assertEquals(
          new Failed("endpoint answered 401", false),
          sender.send(TestNotifications.ping(client.endpoint())));
    }
  }

  @Test
  void tooManyRequestsIsRetryable() throws Exception {
    try (Receiver client = Receiver.answering(429)) {
      assertEquals(
          new Failed("endpoint answered 429", true),
          sender.send(TestNotifications.ping(client.endpoint())));
    }
  }

  @Test
  void timeoutIsRetryable() throws Exception {
    try (Receiver client = Receiver.answeringAfter(Duration.ofSeconds(5))) {
      DeliveryResult result =
          assertTimeout(
              Duration.ofSeconds(2), () -> sender.send(TestNotifications.ping(client.endpoint())));

      assertEquals(new Failed("no answer within 300 ms", true), result);
    }
  }

  @Test
  void slowClientTricklingItsBodyCannotHoldTheSender() throws Exception {
    try (Receiver client = Receiver.tricklingBodyFor(Duration.ofSeconds(5))) {
      DeliveryResult result =
          assertTimeout(
              Duration.ofSeconds(2), () -> sender.send(TestNotifications.ping(client.endpoint())));

      assertEquals(new Delivered(200), result);
    }
  }

  @Test
  void connectionRefusedIsRetryable() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }

    DeliveryResult result =
        sender.send(TestNotifications.ping(URI.create("http://127.0.0.1:" + closedPort + "/cb")));

    assertEquals(new Failed("connection refused", true), result);
  }

  @Test
  void unknownHostIsRetryable() {
    var noDns =
        new NotificationSender(
            PUBLIC_ONLY,
            TIMEOUT,
            host -> {
              throw new UnknownHostException(host);
            });

    DeliveryResult result =
        noDns.send(TestNotifications.ping(URI.create("https://callback.client.example/ciba")));

    assertEquals(new Failed("unknown host callback.client.example", true), result);
  }

  private static Receiver.Received single(Receiver receiver) {
    List<Receiver.Received> received = receiver.received();
    assertEquals(1, received.size());
    assertEquals("POST", received.get(0).method());
    return received.get(0);
  }
}
