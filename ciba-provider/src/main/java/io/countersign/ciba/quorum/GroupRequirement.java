package io.countersign.ciba.quorum;

import java.util.regex.Pattern;

/**
 * {@code count} distinct approvers from the approver group {@code group}: one term of a {@link
 * QuorumRule}, written {@code 2 of db-owners}.
 *
 * @param group an approver group name as tenant bundles declare it ({@value #GROUP_NAME_PATTERN})
 * @param count how many distinct approvers of that group must approve, 1 to {@value #MAX_COUNT}
 */
public record GroupRequirement(String group, int count) {

  /** The approver group names tenant bundles accept. */
  public static final String GROUP_NAME_PATTERN = "[a-z0-9][a-z0-9_-]{0,62}";

  /** The largest count one term may ask for. */
  public static final int MAX_COUNT = 99;

  static final Pattern GROUP_NAME = Pattern.compile(GROUP_NAME_PATTERN);

  /** Whether {@code name} is an approver group name ({@value #GROUP_NAME_PATTERN}). */
  public static boolean isGroupName(String name) {
    return name != null && GROUP_NAME.matcher(name).matches();
  }

  public GroupRequirement {
    if (!isGroupName(group)) {
      throw new IllegalArgumentException(
          "approver group name '" + group + "' does not match " + GROUP_NAME_PATTERN);
    }
    if (count < 1 || count > MAX_COUNT) {
      throw new IllegalArgumentException(
          "count " + count + " for group '" + group + "' is not between 1 and " + MAX_COUNT);
    }
  }

  /** The term in the text form of a rule: {@code 2 of db-owners}. */
  @Override
  public String toString() {
    return count + " of " + group;
  }
}
