package io.countersign.ciba.device;

import io.countersign.ciba.approval.Ballot;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;
import java.util.UUID;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * What an approver's device signs when it decides: the tenant, the request, the digest of the
 * arguments the approver was shown, the approver, the decision, and for an edit the digest of the
 * new arguments or for a rejection the reason, plus a one-time nonce. Its canonical JSON (RFC 8785)
 * is hashed with SHA-256 into the WebAuthn challenge, so the device's signature covers exactly this
 * decision on exactly this request: it cannot be moved to another request, another decision or
 * other arguments.
 *
 * @param tenant the tenant
 * @param approvalId the approval request
 * @param argumentsSha256 the digest of the arguments up for approval when the approver read them
 * @param approver the approver's email
 * @param decision {@code approve}, {@code approve_edited} or {@code reject}
 * @param detail for {@code approve_edited} the edited arguments' digest, for {@code reject} the
 *     reason, for {@code approve} empty
 * @param nonce a random value, once per statement
 */
public record DecisionStatement(
    String tenant,
    UUID approvalId,
    String argumentsSha256,
    String approver,
    String decision,
    String detail,
    String nonce) {

  /** The statement's {@code type}, so that a signature over it means nothing elsewhere. */
  public static final String TYPE = "countersign.approval-decision.v1";

  public DecisionStatement {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(approvalId, "approvalId");
    Objects.requireNonNull(argumentsSha256, "argumentsSha256");
    Objects.requireNonNull(approver, "approver");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(nonce, "nonce");
  }

  /** The statement for {@code ballot} on a request whose arguments had {@code argumentsSha256}. */
  public static DecisionStatement of(
      UUID approvalId, String argumentsSha256, Ballot ballot, String nonce) {
    String decision;
    String detail;
    if (ballot instanceof Ballot.Approve approve) {
      decision = "approve";
      detail = "";
      if (!approve.argumentsSha256().equals(argumentsSha256)) {
        throw new IllegalArgumentException(
            "the approval names arguments other than the ones shown");
      }
    } else if (ballot instanceof Ballot.ApproveEdited edited) {
      decision = "approve_edited";
      detail = edited.arguments().sha256();
    } else {
      decision = "reject";
      detail = ((Ballot.Reject) ballot).reason();
    }
    return new DecisionStatement(
        ballot.tenant(), approvalId, argumentsSha256, ballot.approver(), decision, detail, nonce);
  }

  /** The canonical JSON text of this statement: what is stored and shown to auditors. */
  public String canonicalJson() {
    JsonObjectBuilder json =
        Json.createObjectBuilder()
            .add("type", TYPE)
            .add("tenant", tenant)
            .add("approval_id", approvalId.toString())
            .add("arguments_sha256", argumentsSha256)
            .add("approver", approver)
            .add("decision", decision)
            .add("nonce", nonce);
    switch (decision) {
      case "approve_edited" -> json.add("edited_arguments_sha256", detail);
      case "reject" -> json.add("reason", detail);
      default -> {}
    }
    try {
      return new JsonCanonicalizer(json.build().toString()).getEncodedString();
    } catch (IOException e) {
      throw new IllegalStateException("a statement is always canonicalisable", e);
    }
  }

  /** The WebAuthn challenge: base64url (no padding) of the SHA-256 of the canonical JSON. */
  public String challenge() {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(canonicalJson().getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  /** Reads a statement back from its canonical JSON. */
  public static DecisionStatement parse(String canonicalJson) {
    JsonObject json;
    try (var reader = Json.createReader(new StringReader(canonicalJson))) {
      json = reader.readObject();
    }
    if (!TYPE.equals(json.getString("type", ""))) {
      throw new IllegalArgumentException("not a decision statement");
    }
    String decision = json.getString("decision");
    String detail =
        switch (decision) {
          case "approve_edited" -> json.getString("edited_arguments_sha256");
          case "reject" -> json.getString("reason");
          default -> "";
        };
    return new DecisionStatement(
        json.getString("tenant"),
        UUID.fromString(json.getString("approval_id")),
        json.getString("arguments_sha256"),
        json.getString("approver"),
        decision,
        detail,
        json.getString("nonce"));
  }
}
