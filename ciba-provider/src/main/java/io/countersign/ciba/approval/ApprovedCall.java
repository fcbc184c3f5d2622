package io.countersign.ciba.approval;

import io.countersign.ciba.details.McpToolCall;
import java.util.List;
import java.util.UUID;

/**
 * What a redeemed request allows: the tool call with the arguments the quorum approved (possibly
 * edited), and who approved it. The token issued for it carries these as its {@code
 * authorization_details}, so the gateway forwards exactly these arguments.
 *
 * @param approvalId the request's identifier
 * @param clientId the client that redeemed it
 * @param call the call with the approved arguments
 * @param approvers everyone whose standing approval of these arguments was recorded, in vote order
 * @param argumentsEdited whether the approved arguments differ from those requested
 */
public record ApprovedCall(
    UUID approvalId,
    String clientId,
    McpToolCall call,
    List<String> approvers,
    boolean argumentsEdited) {

  public ApprovedCall {
    approvers = List.copyOf(approvers);
  }
}
