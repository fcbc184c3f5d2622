package io.countersign.ciba.approval;

import io.countersign.ciba.binding.BindingMessage;
import io.countersign.ciba.details.McpToolCall;
import io.countersign.ciba.details.ToolArguments;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Everything an {@link ApprovalRequest} needs to be stored and restored; what a repository
 * persists.
 *
 * @param id the request's identifier
 * @param clientId the client that asked
 * @param requester the member on whose behalf the agent acts, when known
 * @param details the requested call (its arguments are the ones originally requested)
 * @param bindingMessage the binding message, if any
 * @param createdAt when the request was opened
 * @param expiresAt when it expires
 * @param state its state
 * @param currentArguments the arguments up for approval now (after edits), or approved
 * @param votes every vote, in the order cast
 * @param remindersSent how many reminders the approvers were sent
 * @param stepsTaken how many of the call's escalation steps were taken (the first ones)
 */
public record ApprovalSnapshot(
    UUID id,
    String clientId,
    Optional<String> requester,
    McpToolCall details,
    Optional<BindingMessage> bindingMessage,
    Instant createdAt,
    Instant expiresAt,
    ApprovalState state,
    ToolArguments currentArguments,
    List<Vote> votes,
    int remindersSent,
    int stepsTaken) {

  public ApprovalSnapshot {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(requester, "requester");
    Objects.requireNonNull(details, "details");
    Objects.requireNonNull(bindingMessage, "bindingMessage");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(currentArguments, "currentArguments");
    votes = List.copyOf(votes);
    if (remindersSent < 0
        || stepsTaken < 0
        || stepsTaken > details.followUp().escalation().size()) {
      throw new IllegalArgumentException(
          "reminders sent "
              + remindersSent
              + " and steps taken "
              + stepsTaken
              + " are not possible");
    }
    if (!expiresAt.isAfter(createdAt)) {
      throw new IllegalArgumentException("a request expires after it is created");
    }
  }
}
