package io.countersign.gateway.tools;

import io.countersign.tenant.ToolNames;
import io.countersign.tenant.UpstreamEndpoint;
import java.util.List;
import java.util.Optional;

/**
 * How one tenant's agents see the names of tools and prompts ({@link ToolNames}): qualified as
 * {@code <upstream>__<name>}, or plain as the upstream names them. Plain names take effect only
 * while the tenant has exactly one upstream (bundles enforce it; should that ever not hold, names
 * are qualified, so two upstreams can never be confused).
 */
public final class ToolNaming {

  private final Optional<UpstreamEndpoint> plainUpstream;

  private ToolNaming(Optional<UpstreamEndpoint> plainUpstream) {
    this.plainUpstream = plainUpstream;
  }

  public static ToolNaming of(ToolNames names, List<UpstreamEndpoint> upstreams) {
    return new ToolNaming(
        names == ToolNames.PLAIN && upstreams.size() == 1
            ? Optional.of(upstreams.get(0))
            : Optional.empty());
  }

  public boolean plain() {
    return plainUpstream.isPresent();
  }

  /** The name agents see for this upstream's tool or prompt; empty when it is not a valid name. */
  public Optional<String> exposed(UpstreamEndpoint upstream, String name) {
    return plain() ? Optional.of(name) : new QualifiedName(upstream.name(), name).qualified();
  }

  /** The upstream's name and its own name for the tool or prompt an agent named. */
  public Optional<QualifiedName> resolve(String exposed) {
    return plainUpstream
        .map(upstream -> Optional.of(new QualifiedName(upstream.name(), exposed)))
        .orElseGet(() -> QualifiedName.parse(exposed));
  }

  /** What the agent should have sent, for an error message. */
  public String shape() {
    return plain() ? "the tool's own name" : "<upstream>__<tool>";
  }
}
