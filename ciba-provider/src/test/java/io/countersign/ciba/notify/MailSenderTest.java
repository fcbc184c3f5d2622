package io.countersign.ciba.notify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.countersign.ciba.details.TestCalls;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Notice e-mails through a real SMTP server (GreenMail) in the test's JVM. */
class MailSenderTest {

  @RegisterExtension
  static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  private static final String PUBLIC_URL = "https://approvals.acme.example/";

  private MailSender sender() {
    return new MailSender(
        new MailSettings(
            "127.0.0.1",
            SMTP.getSmtp().getPort(),
            Optional.empty(),
            Optional.empty(),
            false,
            "Countersign <countersign@acme.example>"),
        PUBLIC_URL);
  }

  @Test
  void sendWhenRequestedThenMailHasSummaryRiskTimeLeftCodeAndLinkButNoArguments() throws Exception {
    ApproverNotice notice = TestNotices.requested(List.of()).alone();
    Instant now = TestNotices.T0.plus(Duration.ofMinutes(5));

    NoticeOutcome outcome = sender().send("fred@acme.example", notice, now);

    assertEquals(new NoticeOutcome.Sent(), outcome);
    MimeMessage[] mails = SMTP.getReceivedMessages();
    assertEquals(1, mails.length);
    MimeMessage mail = mails[0];
    assertEquals("[Countersign] Approval needed: Refund 150 EUR on order A-17", mail.getSubject());
    assertArrayEquals(
        new Address[] {new InternetAddress("fred@acme.example")},
        mail.getRecipients(Message.RecipientType.TO));
    String body = GreenMailUtil.getBody(mail);
    assertTrue(body.contains("Refund 150 EUR on order A-17"), body);
    assertTrue(body.contains("Risk: high"), body);
    assertTrue(body.contains("Time left: 10 minutes"), body);
    assertTrue(body.contains("Binding code: CS-4F2K"), body);
    assertTrue(
        body.contains(
            "https://approvals.acme.example/t/acme/approve/#/requests/" + notice.requestId()),
        body);
    assertFalse(body.contains(TestCalls.ARGUMENTS_SHA256), body);
    assertFalse(body.contains("amount"), "no argument in mail: " + body);
  }

  @Test
  void sendInvitationWhenSentThenOneLineSubjectLinkAndExpiry() throws Exception {
    String link = "https://approvals.acme.example/t/acme/approve/#/invitation/tok-123";
    Instant expires = TestNotices.T0.plus(Duration.ofDays(3));

    NoticeOutcome outcome =
        sender()
            .sendInvitation(
                "dave@acme.example", "Acme\r\nBcc: x@evil.example", link, expires, TestNotices.T0);

    assertEquals(new NoticeOutcome.Sent(), outcome);
    MimeMessage mail = SMTP.getReceivedMessages()[0];
    assertEquals(
        "[Countersign] Enrol your device to approve for Acme  Bcc: x@evil.example",
        mail.getSubject());
    assertNull(mail.getHeader("Bcc"));
    String body = GreenMailUtil.getBody(mail);
    assertTrue(body.contains(link), body);
    assertTrue(body.contains(expires.toString()), body);
    assertTrue(body.contains("Do not forward it"), body);
  }

  @Test
  void sendWhenSummarySmugglesHeadersThenSubjectIsOneLineAndNoHeaderAdded() throws Exception {
    ApproverNotice notice =
        TestNotices.withSummary(
            "Refund order A-17\r\nBcc: attacker@evil.example\r\n\r\nClick http://evil.example");

    sender().send("fred@acme.example", notice, TestNotices.T0);

    MimeMessage mail = SMTP.getReceivedMessages()[0];
    String subject = mail.getSubject();
    assertFalse(subject.contains("\r") || subject.contains("\n"), subject);
    assertEquals(
        "[Countersign] Approval needed: Refund order A-17 Bcc: attacker@evil.example Click"
            + " http://evil.example",
        subject);
    assertNull(mail.getHeader("Bcc"));
    assertEquals(1, mail.getAllRecipients().length, "only the approver is a recipient");
    assertEquals(1, SMTP.getReceivedMessages().length);
  }

  @Test
  void sendWhenServerUnreachableThenRetryableFailure() {
    MailSender unreachable =
        new MailSender(
            new MailSettings(
                "127.0.0.1", 1, Optional.empty(), Optional.empty(), false, "cs@acme.example"),
            PUBLIC_URL);

    NoticeOutcome outcome =
        unreachable.send("fred@acme.example", TestNotices.requested(List.of()), TestNotices.T0);

    assertTrue(assertInstanceOf(NoticeOutcome.Failed.class, outcome).retryable());
  }
}
