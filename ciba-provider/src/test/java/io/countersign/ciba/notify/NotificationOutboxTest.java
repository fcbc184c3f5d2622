package io.countersign.ciba.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.countersign.ciba.approval.ApprovalEvent;
import io.countersign.ciba.approval.ApprovalRequest;
import io.countersign.ciba.approval.NewApprovalRequest;
import io.countersign.ciba.delivery.RetrySchedule;
import io.countersign.ciba.details.TestCalls;
import io.countersign.ciba.provider.ApprovalRecorded;
import io.countersign.ciba.provider.TestDecisions;
import io.countersign.ciba.quorum.GroupMembership;
import io.countersign.tenant.notification.ChatWebhooks;
import io.countersign.tenant.outbound.OutboundUrlPolicy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Who is told, and the outbox on the real schema (H2): rows written with the event's transaction,
 * sent by e-mail through a real SMTP server (GreenMail), retried, given up, skipped once decided.
 */
class NotificationOutboxTest {

  @RegisterExtension
  static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  private static final Instant T0 = TestNotices.T0;
  private static final Map<String, List<String>> GROUPS =
      Map.of(
          "finance", List.of("fred@acme.example", "fiona@acme.example", "rita@acme.example"),
          "security", List.of("sam@acme.example"),
          "managers", List.of("mia@acme.example"));

  private OutboxDatabase db;
  private final List<String> counted = new CopyOnWriteArrayList<>();

  @BeforeEach
  void open() throws Exception {
    db = new OutboxDatabase();
  }

  @AfterEach
  void close() throws Exception {
    db.close();
  }

  @Test
  void recordedWhenRequestOpensThenEveryEligibleApproverButTheRequesterGetsARow() throws Exception {
    ApprovalRequest request = opened(TestCalls.call("1 of finance"));

    notifier(outbox(db.dataSource()), channels(SMTP.getSmtp().getPort()))
        .recorded(new ApprovalRecorded(request, request.drainEvents()));

    List<Map<String, Object>> rows = db.notifications();
    assertEquals(2, rows.size(), rows.toString());
    assertEquals("fiona@acme.example", rows.get(0).get("recipient"));
    assertEquals("fred@acme.example", rows.get(1).get("recipient"));
    rows.forEach(row -> assertEquals("email", row.get("channel")));
    rows.forEach(row -> assertEquals("requested", row.get("kind")));
    rows.forEach(row -> assertEquals("pending", row.get("state")));
  }

  @Test
  void recordedWhenRemindedAndEscalatedThenTheirRecipientsGetRows() throws Exception {
    ApprovalRequest request = opened(TestCalls.call("1 of finance", TestCalls.FOLLOW_UP));
    request.drainEvents();
    GroupMembership members = GroupMembership.empty();
    for (var group : GROUPS.entrySet()) {
      members = members.with(group.getKey(), group.getValue());
    }
    request.followUp(members, T0.plus(Duration.ofMinutes(5)));
    List<ApprovalEvent> events = request.drainEvents();

    notifier(outbox(db.dataSource()), channels(SMTP.getSmtp().getPort()))
        .recorded(new ApprovalRecorded(request, events));

    List<String> told =
        db.notifications().stream().map(r -> r.get("kind") + " " + r.get("recipient")).toList();
    assertEquals(
        List.of(
            "reminder fiona@acme.example",
            "reminder fred@acme.example",
            "escalated sam@acme.example"),
        told);
  }

  @Test
  void recordedWhenEventTransactionRollsBackThenNoRowAndWhenItCommitsThenRows() throws Exception {
    ApprovalRequest request = opened(TestCalls.call("1 of finance"));
    List<ApprovalEvent> events = request.drainEvents();
    try (Connection transaction = DriverManager.getConnection(db.url)) {
      transaction.setAutoCommit(false);
      ApproverNotifier notifier =
          notifier(outbox(db.transactional(transaction)), channels(SMTP.getSmtp().getPort()));

      notifier.recorded(new ApprovalRecorded(request, events));
      transaction.rollback();
      assertEquals(List.of(), db.notifications());

      notifier.recorded(new ApprovalRecorded(request, events));
      transaction.commit();
      assertEquals(2, db.notifications().size());
    }
  }

  @Test
  void sendDueWhenSmtpTakesItThenSentOnceAndCounted() throws Exception {
    ApprovalRequest request = opened(TestCalls.call("1 of finance"));
    NotificationOutbox outbox = outbox(db.dataSource());
    notifier(outbox, channels(SMTP.getSmtp().getPort()))
        .recorded(new ApprovalRecorded(request, request.drainEvents()));
    NotificationWorker worker = worker(outbox, channels(SMTP.getSmtp().getPort()));

    assertEquals(2, worker.sendDue(T0.plusSeconds(1)));
    assertEquals(0, worker.sendDue(T0.plusSeconds(2)), "each notice goes out once");

    assertEquals(2, SMTP.getReceivedMessages().length);
    db.notifications().forEach(row -> assertEquals("sent", row.get("state")));
    assertEquals(List.of("email sent", "email sent"), counted);
  }

  @Test
  void sendDueWhenSmtpDownThenRetriedWithBackoffAndGivenUpAfterTheLimit() throws Exception {
    ApprovalRequest request = opened(TestCalls.call("1 of security"));
    NotificationOutbox outbox = outbox(db.dataSource());
    NotificationChannels down = channels(1);
    notifier(outbox, down).recorded(new ApprovalRecorded(request, request.drainEvents()));
    NotificationWorker worker = worker(outbox, down);
    worker.schedule = new RetrySchedule(2, Duration.ofSeconds(30), Duration.ofSeconds(30));

    assertEquals(1, worker.sendDue(T0));
    Map<String, Object> retrying = db.notifications().get(0);
    assertEquals("pending", retrying.get("state"));
    assertEquals(1, retrying.get("attempts"));
    assertNotNull(retrying.get("next_attempt_at"));
    assertEquals(0, worker.sendDue(T0.plusSeconds(10)), "not due before the backoff");

    assertEquals(1, worker.sendDue(T0.plusSeconds(30)));
    Map<String, Object> failed = db.notifications().get(0);
    assertEquals("failed", failed.get("state"));
    assertEquals(2, failed.get("attempts"));
    assertNull(failed.get("next_attempt_at"));
    assertTrue(((String) failed.get("last_error")).startsWith("SMTP failed"), failed.toString());
    assertEquals(0, worker.sendDue(T0.plus(Duration.ofMinutes(10))), "never retried forever");
    assertEquals(List.of("email retry", "email failed"), counted);
  }

  @Test
  void sendDueWhenRequestDecidedMeanwhileThenSkippedNotSent() throws Exception {
    ApprovalRequest request = opened(TestCalls.call("1 of finance"));
    NotificationOutbox outbox = outbox(db.dataSource());
    notifier(outbox, channels(SMTP.getSmtp().getPort()))
        .recorded(new ApprovalRecorded(request, request.drainEvents()));
    db.execute("UPDATE approval_request SET state = 'APPROVED'");

    assertEquals(2, worker(outbox, channels(SMTP.getSmtp().getPort())).sendDue(T0.plusSeconds(1)));

    assertEquals(0, SMTP.getReceivedMessages().length);
    db.notifications()
        .forEach(
            row -> {
              assertEquals("skipped", row.get("state"));
              assertEquals("the request no longer waits for votes", row.get("last_error"));
            });
    assertEquals(List.of("email skipped", "email skipped"), counted);
  }

  private ApprovalRequest opened(io.countersign.ciba.details.McpToolCall call) throws Exception {
    ApprovalRequest request =
        ApprovalRequest.open(
            new NewApprovalRequest(
                UUID.randomUUID(),
                "gateway",
                Optional.of("rita@acme.example"),
                call,
                Optional.empty(),
                TestNotices.TTL),
            T0);
    db.store(request);
    return request;
  }

  private static NotificationOutbox outbox(javax.sql.DataSource dataSource) {
    NotificationOutbox outbox = new NotificationOutbox();
    outbox.dataSource = dataSource;
    return outbox;
  }

  /** The real channels bean, configured for e-mail through {@code smtpPort} only. */
  private static NotificationChannels channels(int smtpPort) {
    NotificationChannels channels = new NotificationChannels();
    channels.serviceAccountFile = Optional.empty();
    channels.smtpHost = Optional.of("127.0.0.1");
    channels.smtpPort = smtpPort;
    channels.smtpUsername = Optional.empty();
    channels.smtpPassword = Optional.empty();
    channels.starttls = false;
    channels.mailFrom = Optional.of("Countersign <countersign@acme.example>");
    channels.publicUrl = Optional.of("https://approvals.acme.example");
    channels.outbound = new OutboundUrlPolicy(true);
    channels.start();
    return channels;
  }

  private static ApproverNotifier notifier(
      NotificationOutbox outbox, NotificationChannels channels) {
    ApproverNotifier notifier = new ApproverNotifier();
    notifier.outbox = outbox;
    notifier.channels = channels;
    notifier.webhooks = noWebhook();
    notifier.decisions = TestDecisions.withGroups("acme", GROUPS);
    return notifier;
  }

  private NotificationWorker worker(NotificationOutbox outbox, NotificationChannels channels) {
    NotificationWorker worker = new NotificationWorker();
    worker.outbox = outbox;
    worker.channels = channels;
    worker.webhooks = noWebhook();
    worker.metrics =
        new NotificationMetrics() {
          @Override
          public void count(Channel channel, String outcome) {
            counted.add(channel.word() + " " + outcome);
          }
        };
    return worker;
  }

  /** A tenant without a webhook (the real lookup needs JPA). */
  private static ChatWebhooks noWebhook() {
    return new ChatWebhooks() {
      @Override
      public boolean declared(String tenantId) {
        return false;
      }

      @Override
      public Optional<io.countersign.tenant.notification.ChatWebhook> find(String tenantId) {
        return Optional.empty();
      }
    };
  }
}
