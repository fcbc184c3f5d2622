package io.countersign.ciba.jose;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One approver's vote, as the ID token's {@code approvers} claim reports it.
 *
 * @param sub the approver's subject identifier
 * @param name the approver's display name
 * @param decision {@code approve}, {@code approve_edited} or {@code reject}
 * @param votedAt when the vote was cast
 */
public record ApproverClaim(String sub, String name, String decision, Instant votedAt) {

  /** The values of {@code decision}. */
  public static final Set<String> DECISIONS = Set.of("approve", "approve_edited", "reject");

  public ApproverClaim {
    Objects.requireNonNull(sub, "sub");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(votedAt, "votedAt");
    if (sub.isBlank()) {
      throw new IllegalArgumentException("approver sub is blank");
    }
    if (!DECISIONS.contains(decision)) {
      throw new IllegalArgumentException("decision " + decision + " is not one of " + DECISIONS);
    }
  }

  /**
   * The claim's JSON object: {@code {sub, name, decision, voted_at}}, voted_at in epoch seconds.
   */
  Map<String, Object> toJsonObject() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("sub", sub);
    json.put("name", name);
    json.put("decision", decision);
    json.put("voted_at", votedAt.getEpochSecond());
    return json;
  }
}
