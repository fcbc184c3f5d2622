package io.countersign.gateway.tasks;

/**
 * A task as its agent knows it, under an id of the gateway's: either an upstream's task behind a
 * task-augmented call the policy allowed, or a held call the agent asked for as a task, which the
 * gateway runs itself while the approvers decide.
 */
public sealed interface AgentTask permits UpstreamTask, HeldCallTask {

  /** The id the agent sees: {@code cs-task-} and 256 random bits. */
  String id();
}
