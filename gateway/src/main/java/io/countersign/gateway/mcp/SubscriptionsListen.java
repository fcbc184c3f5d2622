package io.countersign.gateway.mcp;

import io.countersign.gateway.hold.HoldSettings;
import io.countersign.gateway.jsonrpc.JsonRpcError;
import io.countersign.gateway.jsonrpc.JsonRpcMessage.Request;
import io.countersign.gateway.mcp.RelayedStream.Step;
import io.countersign.gateway.session.McpSession;
import io.countersign.gateway.tasks.AgentTask;
import io.countersign.gateway.tasks.AgentTasks;
import io.countersign.gateway.tasks.HeldCallTask;
import io.countersign.gateway.tasks.UpstreamTask;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * {@code subscriptions/listen} of MCP 2026-07-28 ("Subscriptions"), for the task status
 * notifications of the tasks extension ({@code notifications.taskIds}). The stream acknowledges the
 * task ids the gateway follows: those of the agent's own tasks, looked up as {@code tasks/get}
 * looks them up, so an id of another agent or tenant, an upstream's own id and an unknown id are
 * left out alike. Then each followed task's state arrives as the gateway learns it ({@link
 * TaskStatusNotifier}); the stream ends gracefully when every followed task has ended, or after
 * {@code countersign.gateway.hold-time}, when the client listens again.
 */
@ApplicationScoped
public class SubscriptionsListen {

  static final String METHOD = "subscriptions/listen";

  @Inject AgentTasks tasks;
  @Inject TaskStatusNotifier notifier;
  @Inject ModernTasks modernTasks;
  @Inject HoldSettings settings;
  @Resource ManagedExecutorService executor;

  private final Clock clock = Clock.systemUTC();

  FrontReply handle(McpSession session, Request request) {
    SubscriptionFilter filter;
    try {
      filter = SubscriptionFilter.parse(request.params());
    } catch (IllegalArgumentException e) {
      return new FrontReply.Message(
          JsonRpcError.invalidParams(e.getMessage()).toResponse(request.id()));
    }
    if (filter.asksForTasks() && !ModernTasks.declared(request)) {
      // "If a client requests task status notifications but does not declare the
      // io.modelcontextprotocol/tasks extension capability, the server MUST return" -32021
      return new FrontReply.Message(
          ModernTasks.missingCapability(
              request,
              "task status notifications ('notifications.taskIds') are the tasks extension's"));
    }
    List<AgentTask> followed =
        filter.taskIds().stream()
            .map(id -> tasks.find(session.agent(), id))
            .flatMap(Optional::stream)
            .toList();
    var subscription =
        new TaskSubscription(
            request.id(),
            followed.stream().map(AgentTask::id).toList(),
            clock.instant().plus(settings.holdTime()));
    subscription.acknowledge(
        SubscriptionFilter.acknowledged(
            filter.asksForTasks(), followed.stream().map(AgentTask::id).toList()));
    notifier.subscribe(subscription);
    for (AgentTask task : followed) {
      if (task instanceof HeldCallTask held) {
        notifier.followHeld(subscription, session.tenantId(), held);
      } else {
        executor.execute(() -> modernTasks.observe(session, request, (UpstreamTask) task));
      }
    }
    return new FrontReply.EventStream(
        new RelayedStream(
            subscription.stream(),
            request.id(),
            settings.holdTime().plusSeconds(30),
            "the gateway",
            Step.Pass::new,
            relayed -> notifier.forget(subscription)));
  }
}
