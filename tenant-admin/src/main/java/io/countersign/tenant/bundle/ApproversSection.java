package io.countersign.tenant.bundle;

import io.countersign.tenant.ApproverSignIn;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code tenant.approvers: {passwordSignIn: true|false, deviceBoundVotes:
 * required|optional}}: whether approvers may use a password (default true), and whether every vote
 * must be signed by an enrolled device (default required). Without passwords every vote is
 * device-bound, so {@code deviceBoundVotes} may then only be {@code required} (or left out).
 */
final class ApproversSection {

  static final String FIELD = "approvers";

  private static final String PASSWORD = "passwordSignIn";
  private static final String VOTES = "deviceBoundVotes";
  private static final Set<String> FIELDS = Set.of(PASSWORD, VOTES);
  private static final Pattern REQUIREMENT = Pattern.compile("optional|required");

  private ApproversSection() {}

  /** The declared settings, the defaults when absent; empty when a problem was reported. */
  static Optional<ApproverSignIn> read(YamlMap tenant) {
    if (!tenant.has(FIELD)) {
      return Optional.of(ApproverSignIn.DEFAULT);
    }
    Optional<YamlMap> section = tenant.map(FIELD, FIELDS);
    if (section.isEmpty()) {
      return Optional.empty();
    }
    YamlMap approvers = section.get();
    int before = approvers.reader().problems().size();
    boolean password = approvers.bool(PASSWORD).orElse(true);
    Optional<Located<String>> votes = approvers.optionalText(VOTES);
    if (votes.isPresent()
        && !approvers.matches(votes.get(), REQUIREMENT, "one of optional, required")) {
      return Optional.empty();
    }
    if (approvers.reader().problems().size() > before) {
      return Optional.empty();
    }
    boolean deviceBound = votes.map(v -> v.value().equals("required")).orElse(true);
    if (!password && !deviceBound) {
      approvers
          .reader()
          .problem(
              votes.get().path(),
              votes.get().node(),
              "must be required (or left out) with passwordSignIn: false: without a password the"
                  + " only way to vote is with an enrolled device");
      return Optional.empty();
    }
    return Optional.of(new ApproverSignIn(password, deviceBound));
  }
}
