package io.countersign.tenant.bundle;

import io.countersign.tenant.notification.ChatWebhook;
import io.countersign.tenant.outbound.OutboundUrlPolicy;
import java.net.URI;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code tenant.notifications: {webhook: {url, secret}}}: the signed webhook a chat bridge
 * receives new, reminded and escalated approval requests at.
 */
final class NotificationsSection {

  static final String FIELD = "notifications";

  private static final Set<String> FIELDS = Set.of("webhook");
  private static final Set<String> WEBHOOK_FIELDS = Set.of("url", "secret");

  /** Sealed, a secret must fit {@code tenant_webhook.secret_sealed}. */
  private static final int MAX_SECRET = 512;

  private NotificationsSection() {}

  /** The declared webhook; empty when absent or when a problem was reported. */
  static Optional<ChatWebhook> read(YamlMap tenant, OutboundUrlPolicy outbound) {
    return tenant
        .map(FIELD, FIELDS)
        .flatMap(notifications -> notifications.map("webhook", WEBHOOK_FIELDS))
        .flatMap(webhook -> webhook(webhook, outbound));
  }

  private static Optional<ChatWebhook> webhook(YamlMap webhook, OutboundUrlPolicy outbound) {
    BundleReader reader = webhook.reader();
    Optional<URI> url =
        webhook
            .requiredText("url")
            .flatMap(
                text ->
                    OutboundUrlField.read(
                        text,
                        reader,
                        outbound,
                        "a webhook receives approval requests",
                        u ->
                            u.getRawFragment() != null
                                ? Optional.of("must not have a fragment (#...)")
                                : Optional.empty()));
    Optional<String> secret =
        webhook
            .requiredText("secret")
            .filter(
                s ->
                    HiddenText.printable(s, reader, "a webhook secret", "only printable ASCII")
                        && HiddenText.atLeast(s, reader, ChatWebhook.MIN_SECRET_LENGTH)
                        && HiddenText.fits(s, reader, MAX_SECRET))
            .map(Located::value);
    if (url.isEmpty() || secret.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new ChatWebhook(url.get(), secret.get()));
  }
}
