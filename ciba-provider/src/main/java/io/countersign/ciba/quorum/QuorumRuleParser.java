package io.countersign.ciba.quorum;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the text form of a {@link QuorumRule}; every error names the part it could not read. */
final class QuorumRuleParser {

  /**
   * The whole grammar as one regular expression (white space as {@code \s+}); the published JSON
   * Schema uses the same pattern for {@code quorum}.
   */
  static final String PATTERN =
      "^\\s*[1-9][0-9]?\\s+of\\s+[a-z0-9][a-z0-9_-]{0,62}"
          + "(\\s+and\\s+[1-9][0-9]?\\s+of\\s+[a-z0-9][a-z0-9_-]{0,62})*"
          + "(\\s*;\\s*reject\\s+(on\\s+any|when\\s+unreachable))?\\s*$";

  private static final Pattern AND = Pattern.compile("\\s+and\\s+");
  private static final Pattern TERM = Pattern.compile("(\\S+)\\s+of\\s+(\\S+)");
  private static final Pattern COUNT = Pattern.compile("[1-9][0-9]?");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  private QuorumRuleParser() {}

  static QuorumRule parse(String text) {
    if (text == null || text.isBlank()) {
      throw new QuorumSyntaxException("", "quorum is empty; expected e.g. '2 of db-owners'");
    }
    String terms = text.strip();
    RejectionPolicy policy = RejectionPolicy.ANY_REJECTION;
    int semicolon = terms.indexOf(';');
    if (semicolon >= 0) {
      policy = policy(terms.substring(semicolon + 1));
      terms = terms.substring(0, semicolon).strip();
    }
    List<GroupRequirement> requirements = new ArrayList<>();
    Set<String> groups = new HashSet<>();
    for (String term : AND.split(terms, -1)) {
      GroupRequirement requirement = term(term);
      if (!groups.add(requirement.group())) {
        throw new QuorumSyntaxException(
            term, "group '" + requirement.group() + "' is named more than once");
      }
      requirements.add(requirement);
    }
    return new QuorumRule(requirements, policy);
  }

  private static RejectionPolicy policy(String clause) {
    String normalised = SPACES.matcher(clause.strip()).replaceAll(" ");
    return RejectionPolicy.fromText(normalised)
        .orElseThrow(
            () ->
                new QuorumSyntaxException(
                    clause.strip(),
                    "'"
                        + clause.strip()
                        + "' after ';' is not 'reject on any' or 'reject when unreachable'"));
  }

  private static GroupRequirement term(String term) {
    if (term.isEmpty()) {
      throw new QuorumSyntaxException(
          term, "a term is missing before or after 'and'; expected '<count> of <group>'");
    }
    Matcher matcher = TERM.matcher(term);
    if (!matcher.matches()) {
      throw new QuorumSyntaxException(
          term, "'" + term + "' is not '<count> of <group>', e.g. '2 of db-owners'");
    }
    String count = matcher.group(1);
    String group = matcher.group(2);
    if (!COUNT.matcher(count).matches()) {
      throw new QuorumSyntaxException(
          count,
          "count '"
              + count
              + "' in '"
              + term
              + "' is not a whole number from 1 to "
              + GroupRequirement.MAX_COUNT);
    }
    if (!GroupRequirement.GROUP_NAME.matcher(group).matches()) {
      throw new QuorumSyntaxException(
          group,
          "group '"
              + group
              + "' in '"
              + term
              + "' is not a group name ("
              + GroupRequirement.GROUP_NAME_PATTERN
              + ")");
    }
    return new GroupRequirement(group, Integer.parseInt(count));
  }
}
