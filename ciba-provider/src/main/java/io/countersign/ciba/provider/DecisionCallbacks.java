package io.countersign.ciba.provider;

import io.countersign.ciba.approval.ApprovalRequest;
import io.countersign.ciba.approval.ApprovalState;
import io.countersign.ciba.approval.RedeemOutcome;
import io.countersign.ciba.delivery.Notification;
import io.countersign.ciba.jose.MintedTokens;
import io.countersign.ciba.store.CallbackAddress;
import io.countersign.ciba.store.StoredApproval;
import io.countersign.tenant.oauth.DeliveryMode;
import io.countersign.tenant.oauth.OAuthClients;
import io.countersign.tenant.oauth.RegisteredClient;
import io.countersign.tenant.secret.SecretBox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Tells ping and push clients that their request was decided (CIBA Core 1.0, sections 10.2, 10.3
 * and 12), by queueing the callback in the decision's own transaction. In push mode an approval is
 * redeemed at once and its tokens are what is pushed; a rejection, cancellation or expiry is pushed
 * as an error. Poll clients are not called.
 */
@ApplicationScoped
public class DecisionCallbacks {

  /** How long a callback is retried after the decision. */
  static final Duration DELIVERY_WINDOW = Duration.ofMinutes(10);

  @Inject OAuthClients clients;
  @Inject DeliveryOutbox outbox;
  @Inject SecretBox box;
  @Inject TokenIssuance issuance;
  @Inject ProviderSettings settings;

  /**
   * Queues the callback a decision calls for. Call it when the request has just become APPROVED,
   * REJECTED, EXPIRED or CANCELLED, before its events are audited and it is stored: a push client's
   * approval is redeemed here.
   */
  public void decided(StoredApproval stored, ApprovalRequest request, Instant now) {
    Optional<RegisteredClient> client = clients.find(request.tenant(), request.clientId());
    Optional<DeliveryMode> mode = client.flatMap(RegisteredClient::deliveryMode);
    Optional<URI> endpoint = client.flatMap(RegisteredClient::notificationEndpoint);
    if (mode.isEmpty() || !mode.get().notifies() || endpoint.isEmpty()) {
      return;
    }
    if (stored.notificationSealed().isEmpty()) {
      return;
    }
    CallbackAddress address = CallbackAddress.fromJson(box.open(stored.notificationSealed().get()));
    Notification notification =
        mode.get() == DeliveryMode.PING
            ? Notification.ping(
                endpoint.get(), address.clientNotificationToken(), address.authReqId())
            : push(stored, request, endpoint.get(), address, now);
    outbox.enqueue(request.tenant(), request.id(), notification, now, now.plus(DELIVERY_WINDOW));
  }

  private Notification push(
      StoredApproval stored,
      ApprovalRequest request,
      URI endpoint,
      CallbackAddress address,
      Instant now) {
    String token = address.clientNotificationToken();
    String authReqId = address.authReqId();
    if (request.state() == ApprovalState.APPROVED
        && request.redeem(request.tenant(), request.clientId(), now)
            instanceof RedeemOutcome.Redeemed redeemed) {
      MintedTokens tokens =
          issuance.mint(address.issuer(), request, redeemed.call(), authReqId, stored.scope(), now);
      return Notification.pushTokens(
          endpoint,
          token,
          authReqId,
          tokens.accessToken(),
          tokens.idToken(),
          settings.accessTokenLifetime().toSeconds(),
          Optional.of(TokenIssuance.authorizationDetails(redeemed.call())));
    }
    return switch (request.state()) {
      case EXPIRED ->
          Notification.pushError(
              endpoint, token, authReqId, "expired_token", "the request expired before a decision");
      case CANCELLED ->
          Notification.pushError(
              endpoint, token, authReqId, "access_denied", "the request was withdrawn");
      default ->
          Notification.pushError(
              endpoint,
              token,
              authReqId,
              "access_denied",
              TokenEndpoint.deniedDescription(request));
    };
  }
}
