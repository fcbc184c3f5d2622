package io.countersign.gateway.hold;

import io.countersign.gateway.jsonrpc.JsonRpcResults;
import io.countersign.gateway.jsonrpc.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Optional;

/**
 * What an agent receives for a held call: the upstream's answer when it was forwarded, else a tool
 * error result that says plainly what happened, so the model can adapt.
 *
 * @param answer {@code {"result": ...}} or {@code {"error": ...}}
 * @param final_ whether the call is over (false: still awaiting approval)
 */
public record HeldOutcome(JsonObject answer, boolean final_) {

  /** The JSON-RPC response to the agent's request {@code id}. */
  public JsonObject toResponse(JsonValue id) {
    var response = Jsonp.createObjectBuilder().add("jsonrpc", "2.0").add("id", id);
    answer.forEach(response::add);
    return response.build();
  }

  /** The outcome of a call in a terminal state; empty while it is still open. */
  public static Optional<HeldOutcome> of(HeldCall held, Optional<String> answerJson) {
    String code = " (code " + held.bindingCode() + ")";
    String reason = held.outcomeText().orElse("");
    return switch (held.state()) {
      case COMPLETED ->
          answerJson.map(
              json ->
                  new HeldOutcome(Jsonp.createReader(new StringReader(json)).readObject(), true));
      case REJECTED ->
          Optional.of(
              toolError(
                  "Rejected by the approvers"
                      + code
                      + (reason.isBlank() ? "" : ": " + reason)
                      + ". Nothing was executed."));
      case EXPIRED ->
          Optional.of(
              toolError(
                  "The approval request expired before enough approvers agreed"
                      + code
                      + ". Nothing was executed."));
      case CANCELLED -> Optional.of(toolError("The call was cancelled" + code + ": " + reason));
      case FAILED -> Optional.of(toolError(reason + code));
      default -> Optional.empty();
    };
  }

  /** What an agent gets when its stream's hold time ends before the approvers decided. */
  public static HeldOutcome stillWaiting(HeldCall held, Optional<String> progress) {
    return toolErrorNotFinal(
        "Awaiting approval (code "
            + held.bindingCode()
            + progress.map(p -> "; " + p).orElse("")
            + "). Nothing has run yet. Call this tool again with the same arguments to wait for"
            + " the outcome: the approvers are asked only once.");
  }

  private static HeldOutcome toolError(String text) {
    return new HeldOutcome(
        Jsonp.createObjectBuilder().add("result", JsonRpcResults.toolErrorResult(text)).build(),
        true);
  }

  private static HeldOutcome toolErrorNotFinal(String text) {
    return new HeldOutcome(
        Jsonp.createObjectBuilder().add("result", JsonRpcResults.toolErrorResult(text)).build(),
        false);
  }
}
