package io.countersign.ciba.delivery;

import static io.countersign.ciba.delivery.TestNotifications.ACCESS_TOKEN;
import static io.countersign.ciba.delivery.TestNotifications.AUTH_REQ_ID;
import static io.countersign.ciba.delivery.TestNotifications.CLIENT_NOTIFICATION_TOKEN;
import static io.countersign.ciba.delivery.TestNotifications.EXPIRES_IN;
import static io.countersign.ciba.delivery.TestNotifications.idToken;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NotificationTest {

  private static final URI ENDPOINT = URI.create("https://client.example/ciba/callback");

  @Test
  void pingBodyIsOnlyTheAuthReqId() {
    Notification ping = TestNotifications.ping(ENDPOINT);

    assertEquals(
        Json.createObjectBuilder().add("auth_req_id", AUTH_REQ_ID).build(), json(ping.jsonBody()));
    assertEquals(Notification.Kind.PING, ping.kind());
  }

  @Test
  void pushTokensBodyIsTheTokenResponsePlusAuthReqId() {
    Notification push =
        Notification.pushTokens(
            ENDPOINT,
            CLIENT_NOTIFICATION_TOKEN,
            AUTH_REQ_ID,
            ACCESS_TOKEN,
            idToken(AUTH_REQ_ID),
            EXPIRES_IN,
            Optional.empty());

    JsonObject body = json(push.jsonBody());
    assertEquals(
        Set.of("access_token", "token_type", "expires_in", "id_token", "auth_req_id"),
        body.keySet());
    assertEquals("Bearer", body.getString("token_type"));
    assertEquals(EXPIRES_IN, body.getJsonNumber("expires_in").longValueExact());
  }

  @Test
  void authorizationDetailsKeepTheirExactNumbers() {
    // json-smart (Nimbus) would turn 1e400 into null and 123.4500 into 123.45.
    String details =
        "[{\"type\":\"payment_initiation\",\"amount\":12345678901234567890,\"fee\":0.1,"
            + "\"huge\":1e400,\"scaled\":123.4500,\"nested\":[{\"n\":2.50}]}]";

    Notification push =
        Notification.pushTokens(
            ENDPOINT,
            CLIENT_NOTIFICATION_TOKEN,
            AUTH_REQ_ID,
            ACCESS_TOKEN,
            idToken(AUTH_REQ_ID),
            EXPIRES_IN,
            Optional.of(details));

    JsonArray sent = json(push.jsonBody()).getJsonArray("authorization_details");
    // JsonNumber equality is BigDecimal equality: value and scale.
    assertEquals(Json.createReader(new StringReader(details)).readArray(), sent);
  }

  @Test
  void authorizationDetailsMustBeOneArrayOfTypedObjects() {
    for (String bad :
        new String[] {
          "{\"type\":\"payment_initiation\"}",
          "[{\"amount\":1}]",
          "[{\"type\":\"a\"}] [{\"type\":\"b\"}]",
          "[{\"type\":\"a\",\"amount\":1,\"amount\":1000000}]",
          "not json"
        }) {
      assertThrows(
          IllegalArgumentException.class,
          () ->
              Notification.pushTokens(
                  ENDPOINT,
                  CLIENT_NOTIFICATION_TOKEN,
                  AUTH_REQ_ID,
                  ACCESS_TOKEN,
                  idToken(AUTH_REQ_ID),
                  EXPIRES_IN,
                  Optional.of(bad)),
          bad);
    }
  }

  @Test
  void idTokenOfAnotherRequestCannotBePushed() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            Notification.pushTokens(
                ENDPOINT,
                CLIENT_NOTIFICATION_TOKEN,
                AUTH_REQ_ID,
                ACCESS_TOKEN,
                idToken("another-request"),
                EXPIRES_IN,
                Optional.empty()));
  }

  @Test
  void pushErrorBodyCarriesErrorDescriptionAndAuthReqId() {
    Notification error =
        Notification.pushError(
            ENDPOINT, CLIENT_NOTIFICATION_TOKEN, AUTH_REQ_ID, "access_denied", "denied by quorum");

    assertEquals(
        Json.createObjectBuilder()
            .add("error", "access_denied")
            .add("error_description", "denied by quorum")
            .add("auth_req_id", AUTH_REQ_ID)
            .build(),
        json(error.jsonBody()));
  }

  @Test
  void pushErrorAllowsOnlyTheThreeCibaErrors() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            Notification.pushError(
                ENDPOINT, CLIENT_NOTIFICATION_TOKEN, AUTH_REQ_ID, "invalid_grant", "no"));
  }

  @Test
  void notificationTokenWithLineBreakCannotInjectHeaders() {
    assertThrows(
        IllegalArgumentException.class,
        () -> Notification.ping(ENDPOINT, "abc\r\nX-Injected: 1", AUTH_REQ_ID));
  }

  @Test
  void notificationTokenMustBeABearerCredentialOfAtMost1024Characters() {
    assertThrows(
        IllegalArgumentException.class, () -> Notification.ping(ENDPOINT, "a b", AUTH_REQ_ID));
    assertThrows(
        IllegalArgumentException.class,
        () -> Notification.ping(ENDPOINT, "a".repeat(1025), AUTH_REQ_ID));
    Notification.ping(ENDPOINT, "a".repeat(1024), AUTH_REQ_ID);
  }

  @Test
  void authReqIdWithQuoteCannotBreakTheJson() {
    assertThrows(
        IllegalArgumentException.class,
        () -> Notification.ping(ENDPOINT, CLIENT_NOTIFICATION_TOKEN, "x\",\"error\":\"y"));
  }

  @Test
  void endpointThatIsNotAUrlIsRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            Notification.ping(
                URI.create("gopher://127.0.0.1:6379/_FLUSHALL"),
                CLIENT_NOTIFICATION_TOKEN,
                AUTH_REQ_ID));
  }

  @Test
  void toStringShowsNeitherTokenNorBody() {
    String shown = TestNotifications.pushTokens(ENDPOINT).toString();

    assertFalse(shown.contains(CLIENT_NOTIFICATION_TOKEN), shown);
    assertFalse(shown.contains(ACCESS_TOKEN), shown);
    assertFalse(shown.contains(AUTH_REQ_ID), shown);
  }

  private static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }
}
