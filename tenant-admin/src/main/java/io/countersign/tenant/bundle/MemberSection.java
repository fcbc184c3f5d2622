package io.countersign.tenant.bundle;

import io.countersign.tenant.MemberRole;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Reads {@code members:}; emails are compared and stored in lower case. */
final class MemberSection {

  /** Deliberately loose: one '@', a dot in the domain, no spaces; delivery proves the rest. */
  static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");

  private static final Set<String> FIELDS = Set.of("email", "displayName", "roles");
  private static final String ROLE_WORDS =
      Arrays.stream(MemberRole.values()).map(MemberRole::word).collect(Collectors.joining(", "));

  private MemberSection() {}

  static List<MemberDeclaration> read(YamlMap bundle) {
    List<MemberDeclaration> members = new ArrayList<>();
    Set<String> emails = new HashSet<>();
    for (YamlMap member : bundle.maps("members", FIELDS)) {
      Optional<String> email =
          member
              .requiredText("email")
              .map(e -> new Located<>(e.value().toLowerCase(Locale.ROOT), e.path(), e.node()))
              .filter(e -> member.matches(e, EMAIL, "an email address"))
              .filter(e -> member.fits(e, 320))
              .filter(e -> unique(e, emails, bundle.reader()))
              .map(Located::value);
      Optional<String> displayName =
          member.requiredText("displayName").filter(n -> member.fits(n, 200)).map(Located::value);
      Set<MemberRole> roles = roles(member);
      if (email.isPresent() && displayName.isPresent()) {
        members.add(new MemberDeclaration(email.get(), displayName.get(), roles));
      }
    }
    return members;
  }

  private static boolean unique(Located<String> email, Set<String> emails, BundleReader reader) {
    if (emails.add(email.value())) {
      return true;
    }
    reader.problem(email.path(), email.node(), "duplicate member '" + email.value() + "'");
    return false;
  }

  private static Set<MemberRole> roles(YamlMap member) {
    Set<MemberRole> roles = EnumSet.noneOf(MemberRole.class);
    member.required("roles");
    for (Located<String> word : member.texts("roles")) {
      Optional<MemberRole> role = MemberRole.fromWord(word.value());
      if (role.isEmpty()) {
        member
            .reader()
            .problem(
                word.path(),
                word.node(),
                "unknown role '" + word.value() + "'; expected one of " + ROLE_WORDS);
      } else if (!roles.add(role.get())) {
        member.reader().problem(word.path(), word.node(), "duplicate role '" + word.value() + "'");
      }
    }
    return roles;
  }
}
