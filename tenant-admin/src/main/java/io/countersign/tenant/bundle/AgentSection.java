package io.countersign.tenant.bundle;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads {@code agents:}. */
final class AgentSection {

  static final Pattern AGENT_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

  private static final Set<String> FIELDS = Set.of("name", "description");

  private AgentSection() {}

  static List<AgentDeclaration> read(YamlMap bundle) {
    List<AgentDeclaration> agents = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (YamlMap agent : bundle.maps("agents", FIELDS)) {
      Optional<Located<String>> name =
          agent.requiredText(
              "name", AGENT_NAME, "an agent name (1-63 characters: a-z, 0-9, '-', '_')");
      Optional<String> description = agent.optionalText("description", 500);
      if (name.isPresent() && !names.add(name.get().value())) {
        bundle
            .reader()
            .problem(
                name.get().path(),
                name.get().node(),
                "duplicate agent '" + name.get().value() + "'");
      } else if (name.isPresent()) {
        agents.add(new AgentDeclaration(name.get().value(), description));
      }
    }
    return agents;
  }
}
