package io.countersign.web.approvals;

import io.countersign.ciba.approval.Ballot;
import io.countersign.ciba.details.ToolArguments;
import io.countersign.ciba.details.Validation;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;

/**
 * A vote as approvers send it: {@code {"decision": "approve", "arguments_sha256": ...}}, {@code
 * {"decision": "approve_edited", "arguments": {...}}} or {@code {"decision": "reject", "reason":
 * ...}}. Other members (a device assertion) are ignored here.
 */
public final class BallotJson {

  private BallotJson() {}

  /** The ballot in the body; IllegalArgumentException names what is wrong. */
  public static Ballot read(String tenant, String approver, String body) {
    JsonObject json;
    try (var reader = Json.createReader(new StringReader(body == null ? "" : body))) {
      json = reader.readObject();
    }
    String decision = json.getString("decision", "");
    return switch (decision) {
      case "approve" -> {
        String digest = json.getString("arguments_sha256", "");
        if (digest.isEmpty()) {
          throw new IllegalArgumentException(
              "an approval names the arguments_sha256 it approves, as the request showed it");
        }
        yield new Ballot.Approve(tenant, approver, digest);
      }
      case "approve_edited" -> {
        JsonValue arguments = json.get("arguments");
        if (arguments == null || arguments.getValueType() != JsonValue.ValueType.OBJECT) {
          throw new IllegalArgumentException("approve_edited needs the edited arguments object");
        }
        Validation<ToolArguments> read = ToolArguments.read(arguments.toString());
        if (read instanceof Validation.Invalid<ToolArguments> invalid) {
          throw new IllegalArgumentException("arguments: " + invalid.problems());
        }
        yield new Ballot.ApproveEdited(
            tenant, approver, ((Validation.Valid<ToolArguments>) read).value());
      }
      case "reject" -> new Ballot.Reject(tenant, approver, json.getString("reason", ""));
      default ->
          throw new IllegalArgumentException(
              "decision must be approve, approve_edited or reject, not '" + decision + "'");
    };
  }
}
