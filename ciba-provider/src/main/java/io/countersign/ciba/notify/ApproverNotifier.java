package io.countersign.ciba.notify;

import io.countersign.ciba.approval.ApprovalEvent;
import io.countersign.ciba.approval.ApprovalRequest;
import io.countersign.ciba.binding.BindingCode;
import io.countersign.ciba.provider.ApprovalRecorded;
import io.countersign.ciba.provider.Decisions;
import io.countersign.tenant.notification.ChatWebhooks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Who is told what: a new request goes to every approver who may decide it (the members of its
 * deciding groups, never the requester), a reminder and an escalation step to the recipients the
 * event names. One outbox row per recipient and channel that is on, and one per event for the
 * tenant's webhook, written in the transaction of the event ({@link ApprovalRecorded} is fired
 * synchronously while the events are audited).
 */
@ApplicationScoped
public class ApproverNotifier {

  @Inject NotificationOutbox outbox;
  @Inject NotificationChannels channels;
  @Inject ChatWebhooks webhooks;
  @Inject Decisions decisions;

  void recorded(@Observes ApprovalRecorded recorded) {
    ApprovalRequest request = recorded.request();
    for (ApprovalEvent event : recorded.events()) {
      notice(request, event).ifPresent(notice -> enqueue(request, notice, event));
    }
  }

  private void enqueue(ApprovalRequest request, ApproverNotice notice, ApprovalEvent event) {
    List<Channel> personal =
        List.of(Channel.PUSH, Channel.EMAIL).stream()
            .filter(
                c -> c == Channel.PUSH ? channels.push().isPresent() : channels.mail().isPresent())
            .toList();
    for (String recipient : notice.recipients()) {
      for (Channel channel : personal) {
        outbox.enqueue(request.id(), channel, Optional.of(recipient), notice.alone(), event.at());
      }
    }
    if (webhooks.declared(request.tenant())) {
      outbox.enqueue(request.id(), Channel.WEBHOOK, Optional.empty(), notice, event.at());
    }
  }

  /** The notice an event calls for, with its recipients; empty for events nobody is told of. */
  Optional<ApproverNotice> notice(ApprovalRequest request, ApprovalEvent event) {
    if (event instanceof ApprovalEvent.Requested) {
      return Optional.of(notice(request, NoticeKind.REQUESTED, eligible(request)));
    }
    if (event instanceof ApprovalEvent.Reminded reminded) {
      return Optional.of(notice(request, NoticeKind.REMINDER, reminded.recipients()));
    }
    if (event instanceof ApprovalEvent.Escalated escalated) {
      return Optional.of(notice(request, NoticeKind.ESCALATED, escalated.recipients()));
    }
    return Optional.empty();
  }

  /** The members of the deciding groups, without the requester (who may not approve). */
  private List<String> eligible(ApprovalRequest request) {
    TreeSet<String> eligible =
        new TreeSet<>(
            decisions
                .membership(request.tenant(), request.decidingGroups())
                .eligible(request.decidingGroups()));
    request.requester().ifPresent(eligible::remove);
    return List.copyOf(eligible);
  }

  static ApproverNotice notice(ApprovalRequest request, NoticeKind kind, List<String> recipients) {
    return new ApproverNotice(
        kind,
        request.tenant(),
        request.id(),
        request.details().summary(),
        request.details().risk().wireName(),
        request.expiresAt(),
        request.details().bindingCode().map(BindingCode::value),
        recipients);
  }
}
