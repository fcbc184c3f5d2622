package io.countersign.ciba.notify;

import io.countersign.ciba.delivery.DeliveryResult;
import io.countersign.ciba.delivery.NotificationSender;
import io.countersign.tenant.notification.ChatWebhook;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * POSTs a notice to a tenant's webhook, signed ({@link WebhookSignature}), through the same
 * outbound path as CIBA callbacks: the URL and every address it resolves to judged by the SSRF
 * policy before each attempt, redirects never followed, any answer but 2xx a failure.
 */
public final class WebhookSender {

  private final NotificationSender http;
  private final String publicUrl;

  public WebhookSender(NotificationSender http, String publicUrl) {
    this.http = Objects.requireNonNull(http, "http");
    this.publicUrl = publicUrl.replaceAll("/+$", "");
  }

  public NoticeOutcome send(ChatWebhook webhook, ApproverNotice notice, Instant now) {
    if (notice.timeLeft(now).isZero()) {
      return new NoticeOutcome.Skipped("the request has expired");
    }
    String body = body(notice);
    long timestamp = now.getEpochSecond();
    DeliveryResult result =
        http.post(
            webhook.url(),
            Map.of(
                WebhookSignature.TIMESTAMP_HEADER,
                Long.toString(timestamp),
                WebhookSignature.SIGNATURE_HEADER,
                WebhookSignature.sign(webhook.secret(), timestamp, body)),
            body);
    if (result instanceof DeliveryResult.Delivered) {
      return new NoticeOutcome.Sent();
    }
    if (result instanceof DeliveryResult.Failed failed) {
      return new NoticeOutcome.Failed("webhook: " + failed.reason(), failed.retryable());
    }
    return new NoticeOutcome.Failed(
        "webhook refused: " + ((DeliveryResult.Refused) result).reason(), false);
  }

  /** {@code {type, tenant, request_id, summary, risk, expires_at, url, recipients?}}. */
  String body(ApproverNotice notice) {
    JsonObjectBuilder json =
        Json.createObjectBuilder()
            .add("type", notice.kind().type())
            .add("tenant", notice.tenant())
            .add("request_id", notice.requestId().toString())
            .add("summary", notice.summary())
            .add("risk", notice.risk())
            .add("expires_at", notice.expiresAt().toString())
            .add("url", publicUrl + notice.path());
    notice.bindingCode().ifPresent(code -> json.add("binding_code", code));
    if (!notice.recipients().isEmpty()) {
      JsonArrayBuilder recipients = Json.createArrayBuilder();
      notice.recipients().forEach(recipients::add);
      json.add("recipients", recipients);
    }
    return json.build().toString();
  }
}
