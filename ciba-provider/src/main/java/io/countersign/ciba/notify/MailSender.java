package io.countersign.ciba.notify;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.Properties;

/**
 * Sends notice e-mails over SMTP (Jakarta Mail, Angus Mail bundled in the application): plain UTF-8
 * text, one message per approver. Reasons name neither the password nor the message.
 */
public final class MailSender {

  private static final String TIMEOUT_MILLIS = "10000";

  private final MailSettings settings;
  private final String publicUrl;
  private final Session session;

  /**
   * @param publicUrl the base URL links start with ({@code countersign.public-url})
   */
  public MailSender(MailSettings settings, String publicUrl) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.publicUrl = publicUrl.replaceAll("/+$", "");
    Properties p = new Properties();
    p.put("mail.smtp.host", settings.host());
    p.put("mail.smtp.port", Integer.toString(settings.port()));
    p.put("mail.smtp.auth", Boolean.toString(settings.username().isPresent()));
    // STARTTLS when asked for is required: never fall back to sending in the clear
    p.put("mail.smtp.starttls.enable", Boolean.toString(settings.starttls()));
    p.put("mail.smtp.starttls.required", Boolean.toString(settings.starttls()));
    p.put("mail.smtp.ssl.checkserveridentity", "true");
    p.put("mail.smtp.connectiontimeout", TIMEOUT_MILLIS);
    p.put("mail.smtp.timeout", TIMEOUT_MILLIS);
    p.put("mail.smtp.writetimeout", TIMEOUT_MILLIS);
    this.session = Session.getInstance(p);
  }

  /** Sends {@code notice} to {@code to}. */
  public NoticeOutcome send(String to, ApproverNotice notice, Instant now) {
    if (notice.timeLeft(now).isZero()) {
      return new NoticeOutcome.Skipped("the request has expired");
    }
    return deliver(
        to, ApproverMail.subject(notice), ApproverMail.body(notice, publicUrl, now), now);
  }

  /**
   * Sends {@code to} the invitation link to enrol a passkey in tenant {@code tenantName}, valid
   * until {@code expiresAt}.
   */
  public NoticeOutcome sendInvitation(
      String to, String tenantName, String link, Instant expiresAt, Instant now) {
    return deliver(
        to,
        InvitationMail.subject(tenantName),
        InvitationMail.body(tenantName, link, expiresAt),
        now);
  }

  private NoticeOutcome deliver(String to, String subject, String text, Instant now) {
    MimeMessage message = new MimeMessage(session);
    try {
      try {
        message.setFrom(new InternetAddress(settings.from(), true));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
      } catch (AddressException e) {
        return new NoticeOutcome.Failed("not an e-mail address: " + e.getMessage(), false);
      }
      message.setSubject(subject, StandardCharsets.UTF_8.name());
      message.setText(text, StandardCharsets.UTF_8.name(), "plain");
      message.setSentDate(Date.from(now));
      message.saveChanges();
      Transport.send(
          message,
          settings.username().orElse(null),
          settings.username().isPresent() ? settings.password().orElse("") : null);
      return new NoticeOutcome.Sent();
    } catch (SendFailedException e) {
      Address[] invalid = e.getInvalidAddresses();
      boolean refused = invalid != null && invalid.length > 0;
      return new NoticeOutcome.Failed(
          "the SMTP server " + (refused ? "refused the recipient" : "did not take the message"),
          !refused);
    } catch (AuthenticationFailedException e) {
      return new NoticeOutcome.Failed("the SMTP server refused our credentials", true);
    } catch (MessagingException e) {
      return new NoticeOutcome.Failed(
          "SMTP failed (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", true);
    }
  }
}
