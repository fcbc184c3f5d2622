package io.countersign.ciba.approval;

import io.countersign.ciba.details.McpToolCall;
import io.countersign.ciba.details.ToolArguments;
import java.util.Objects;

/**
 * What an approver submits about a request. The tenant is the one the approver authenticated in;
 * member identifiers are compared exactly, so callers pass them normalised.
 */
public sealed interface Ballot {

  /** The approver's tenant. */
  String tenant();

  /** The approver's member identifier. */
  String approver();

  /**
   * Approve the arguments the approver was shown. Naming them by digest means an approval can never
   * land on arguments another approver changed in the meantime.
   *
   * @param argumentsSha256 the {@code arguments_sha256} the approver saw
   */
  record Approve(String tenant, String approver, String argumentsSha256) implements Ballot {
    public Approve {
      Objects.requireNonNull(tenant, "tenant");
      Objects.requireNonNull(approver, "approver");
      Objects.requireNonNull(argumentsSha256, "argumentsSha256");
    }
  }

  /**
   * Approve the call with other arguments (same upstream and tool). See {@link
   * ApprovalRequest#vote} for how edits interact with earlier approvals.
   *
   * @param arguments the edited arguments, already read with {@link ToolArguments#read}
   */
  record ApproveEdited(String tenant, String approver, ToolArguments arguments) implements Ballot {
    public ApproveEdited {
      Objects.requireNonNull(tenant, "tenant");
      Objects.requireNonNull(approver, "approver");
      Objects.requireNonNull(arguments, "arguments");
    }
  }

  /**
   * Reject the call.
   *
   * @param reason why, in the approver's words; recorded in the audit log
   */
  record Reject(String tenant, String approver, String reason) implements Ballot {

    /** The longest reason accepted, like {@link McpToolCall#SUMMARY_MAX_LENGTH}. */
    public static final int REASON_MAX_LENGTH = 500;

    public Reject {
      Objects.requireNonNull(tenant, "tenant");
      Objects.requireNonNull(approver, "approver");
      if (reason == null || reason.isBlank() || reason.length() > REASON_MAX_LENGTH) {
        throw new IllegalArgumentException(
            "a rejection needs a reason of 1 to " + REASON_MAX_LENGTH + " characters");
      }
    }
  }
}
