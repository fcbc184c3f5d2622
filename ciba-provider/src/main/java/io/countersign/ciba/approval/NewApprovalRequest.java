package io.countersign.ciba.approval;

import io.countersign.ciba.binding.BindingMessage;
import io.countersign.ciba.details.McpToolCall;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What is needed to open an {@link ApprovalRequest}, as the backchannel authentication endpoint has
 * validated it.
 *
 * @param id the request's identifier: not the {@code auth_req_id}, which is a bearer secret kept
 *     only as a hash
 * @param clientId the CIBA client that asked (it alone may redeem)
 * @param requester the member on whose behalf the agent acts, when known; they may not vote
 * @param details the {@code authorization_details}; its tenant and quorum are the request's
 * @param bindingMessage the {@code binding_message}, if the client sent one
 * @param expiresIn the request's lifetime ({@code expires_in})
 */
public record NewApprovalRequest(
    UUID id,
    String clientId,
    Optional<String> requester,
    McpToolCall details,
    Optional<BindingMessage> bindingMessage,
    Duration expiresIn) {

  public NewApprovalRequest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(requester, "requester");
    Objects.requireNonNull(details, "details");
    Objects.requireNonNull(bindingMessage, "bindingMessage");
    if (expiresIn.isNegative() || expiresIn.isZero()) {
      throw new IllegalArgumentException("expires_in must be positive");
    }
  }
}
