package io.countersign.tenant.bundle;

import io.countersign.tenant.MemberRole;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads {@code approverGroups:}; every group member must be a declared member with role approver.
 */
final class ApproverGroupSection {

  static final Pattern GROUP_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

  private static final Set<String> FIELDS = Set.of("name", "description", "members");

  private ApproverGroupSection() {}

  static List<ApproverGroupDeclaration> read(YamlMap bundle, List<MemberDeclaration> members) {
    Map<String, MemberDeclaration> byEmail =
        members.stream().collect(Collectors.toMap(MemberDeclaration::email, Function.identity()));
    List<ApproverGroupDeclaration> groups = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (YamlMap group : bundle.maps("approverGroups", FIELDS)) {
      Optional<Located<String>> name =
          group.requiredText(
              "name", GROUP_NAME, "a group name (1-63 characters: a-z, 0-9, '-', '_')");
      if (name.isPresent() && !names.add(name.get().value())) {
        bundle
            .reader()
            .problem(
                name.get().path(),
                name.get().node(),
                "duplicate approver group '" + name.get().value() + "'");
        name = Optional.empty();
      }
      Optional<String> description = group.optionalText("description", 500);
      List<String> approvers = approvers(group, byEmail);
      // kept even when its members had problems, so policy references to it do not cascade
      if (name.isPresent()) {
        groups.add(new ApproverGroupDeclaration(name.get().value(), description, approvers));
      }
    }
    return groups;
  }

  private static List<String> approvers(YamlMap group, Map<String, MemberDeclaration> byEmail) {
    BundleReader reader = group.reader();
    if (group.required("members").isEmpty()) {
      return List.of();
    }
    List<Located<String>> emails = group.texts("members");
    if (emails.isEmpty() && group.value("members").isPresent()) {
      reader.problem(
          group.path("members"), group.value("members").get(), "a group needs at least one member");
    }
    List<String> approvers = new ArrayList<>();
    for (Located<String> email : emails) {
      String normalized = email.value().toLowerCase(Locale.ROOT);
      MemberDeclaration member = byEmail.get(normalized);
      if (member == null) {
        reader.problem(
            email.path(), email.node(), "'" + email.value() + "' is not a declared member");
      } else if (!member.roles().contains(MemberRole.APPROVER)) {
        reader.problem(
            email.path(), email.node(), "'" + email.value() + "' does not have the role approver");
      } else if (approvers.contains(normalized)) {
        reader.problem(
            email.path(), email.node(), "duplicate group member '" + email.value() + "'");
      } else {
        approvers.add(normalized);
      }
    }
    return approvers;
  }
}
