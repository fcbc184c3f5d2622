package io.countersign.ciba.notify;

import io.countersign.ciba.delivery.NotificationSender;
import io.countersign.ciba.device.PushTokens;
import io.countersign.tenant.outbound.OutboundUrlPolicy;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The channels this deployment sends notices on, from MicroProfile Config (defaults documented in
 * docs/operations.md): push when {@code countersign.push.fcm.service-account-file} is set, e-mail
 * when {@code countersign.mail.smtp.host} and {@code countersign.mail.from} are, and the webhook of
 * each tenant that declares one. Start-up logs one line per channel saying whether it is on.
 */
@ApplicationScoped
public class NotificationChannels {

  private static final Logger LOG = Logger.getLogger(NotificationChannels.class.getName());

  @Inject
  @ConfigProperty(name = "countersign.push.fcm.service-account-file")
  Optional<String> serviceAccountFile;

  @Inject
  @ConfigProperty(name = "countersign.mail.smtp.host")
  Optional<String> smtpHost;

  @Inject
  @ConfigProperty(name = "countersign.mail.smtp.port", defaultValue = "587")
  int smtpPort;

  @Inject
  @ConfigProperty(name = "countersign.mail.smtp.username")
  Optional<String> smtpUsername;

  @Inject
  @ConfigProperty(name = "countersign.mail.smtp.password")
  Optional<String> smtpPassword;

  @Inject
  @ConfigProperty(name = "countersign.mail.smtp.starttls", defaultValue = "true")
  boolean starttls;

  @Inject
  @ConfigProperty(name = "countersign.mail.from")
  Optional<String> mailFrom;

  @Inject
  @ConfigProperty(name = "countersign.public-url")
  Optional<String> publicUrl;

  @Inject
  @ConfigProperty(name = "http.port", defaultValue = "9080")
  int httpPort;

  @Inject PushTokens tokens;
  @Inject OutboundUrlPolicy outbound;

  private Optional<PushSender> push = Optional.empty();
  private Optional<MailSender> mail = Optional.empty();
  private WebhookSender webhook;

  @PostConstruct
  void start() {
    String base = links();
    push = serviceAccountFile.filter(f -> !f.isBlank()).flatMap(this::push);
    if (serviceAccountFile.isEmpty()) {
      LOG.info(
          "Approver push notifications are off: countersign.push.fcm.service-account-file is"
              + " not set");
    }
    mail = smtpHost.filter(h -> !h.isBlank()).flatMap(host -> mail(host, base));
    if (smtpHost.isEmpty()) {
      LOG.info("Approver e-mail notifications are off: countersign.mail.smtp.host is not set");
    }
    webhook = new WebhookSender(new NotificationSender(outbound, Duration.ofSeconds(5)), base);
    LOG.info("Approver notification links start with " + base);
  }

  /** Created at start-up, so that the channels are logged before the first request. */
  void started(@Observes Startup startup) {
    // nothing to do: observing the event creates the bean, which logs its channels
  }

  public Optional<PushSender> push() {
    return push;
  }

  public Optional<MailSender> mail() {
    return mail;
  }

  public WebhookSender webhook() {
    return webhook;
  }

  /** The base URL of links: {@code countersign.public-url}, else this node on localhost. */
  String links() {
    return publicUrl
        .filter(u -> !u.isBlank())
        .orElse("http://localhost:" + httpPort)
        .replaceAll("/+$", "");
  }

  private Optional<PushSender> push(String file) {
    try {
      var messaging = FcmClients.forKeyFile(Path.of(file));
      LOG.info("Approver push notifications are on (FCM HTTP v1)");
      return Optional.of(new PushSender(messaging, tokens));
    } catch (IOException | RuntimeException e) {
      // the key's contents never reach the log: only why it could not be used
      LOG.severe(
          "Approver push notifications are off: the FCM service account key in"
              + " countersign.push.fcm.service-account-file cannot be used ("
              + e.getClass().getSimpleName()
              + ")");
      return Optional.empty();
    }
  }

  private Optional<MailSender> mail(String host, String base) {
    if (mailFrom.filter(f -> !f.isBlank()).isEmpty()) {
      LOG.warning(
          "Approver e-mail notifications are off: countersign.mail.smtp.host is set but"
              + " countersign.mail.from is not");
      return Optional.empty();
    }
    try {
      MailSettings settings =
          new MailSettings(
              host, smtpPort, smtpUsername, smtpPassword, starttls, mailFrom.get().strip());
      LOG.info("Approver e-mail notifications are on: " + settings);
      return Optional.of(new MailSender(settings, base));
    } catch (IllegalArgumentException e) {
      LOG.warning("Approver e-mail notifications are off: " + e.getMessage());
      return Optional.empty();
    }
  }
}
