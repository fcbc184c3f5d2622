package io.countersign.tenant.bundle;

import io.countersign.tenant.outbound.OutboundCheck;
import io.countersign.tenant.outbound.OutboundUrlPolicy;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads {@code upstreams:}, checking names, URLs (including SSRF rules), credentials, timeouts. */
final class UpstreamSection {

  /** Tool names are namespaced {@code <upstream>__<tool>}, so a name never contains "__". */
  static final Pattern UPSTREAM_NAME = Pattern.compile("(?!.*__)[a-z0-9][a-z0-9_-]{0,30}");

  static final Duration DEFAULT_CONNECT = Duration.ofSeconds(5);
  static final Duration DEFAULT_READ = Duration.ofSeconds(30);

  private static final Set<String> FIELDS = Set.of("name", "url", "credentials", "timeouts");
  private static final Set<String> TIMEOUT_FIELDS = Set.of("connect", "read");

  private final BundleReader reader;
  private final OutboundUrlPolicy outbound;
  private final CredentialsSection credentials;

  UpstreamSection(BundleReader reader, OutboundUrlPolicy outbound) {
    this.reader = reader;
    this.outbound = outbound;
    this.credentials = new CredentialsSection(reader);
  }

  List<UpstreamDeclaration> read(YamlMap bundle) {
    List<UpstreamDeclaration> upstreams = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (YamlMap upstream : bundle.maps("upstreams", FIELDS)) {
      Optional<Located<String>> name =
          upstream.requiredText(
              "name",
              UPSTREAM_NAME,
              "an upstream name (1-31 characters: a-z, 0-9, '-', '_', never '__')");
      name.filter(n -> !names.add(n.value()))
          .ifPresent(
              n -> reader.problem(n.path(), n.node(), "duplicate upstream '" + n.value() + "'"));
      Optional<URI> url = upstream.requiredText("url").flatMap(this::url);
      Optional<UpstreamCredentials> credentials = this.credentials.read(upstream);
      Duration connect = DEFAULT_CONNECT;
      Duration read = DEFAULT_READ;
      Optional<YamlMap> timeouts = upstream.map("timeouts", TIMEOUT_FIELDS);
      if (timeouts.isPresent()) {
        connect =
            timeouts
                .get()
                .duration("connect", Duration.ofMillis(100), Duration.ofMinutes(1))
                .orElse(connect);
        read =
            timeouts
                .get()
                .duration("read", Duration.ofSeconds(1), Duration.ofMinutes(10))
                .orElse(read);
      }
      if (name.isPresent() && url.isPresent() && credentials.isPresent()) {
        upstreams.add(
            new UpstreamDeclaration(
                name.get().value(), url.get(), credentials.get(), connect, read));
      }
    }
    return upstreams;
  }

  private Optional<URI> url(Located<String> text) {
    if (text.value().length() > 2048) {
      return refuse(text, "is longer than 2048 characters");
    }
    URI url;
    try {
      url = new URI(text.value());
    } catch (URISyntaxException e) {
      return refuse(text, "is not a valid URL: " + e.getReason());
    }
    if (url.getFragment() != null) {
      return refuse(text, "must not have a fragment (#...)");
    }
    if (url.getScheme() != null && url.getHost() == null && url.getRawAuthority() != null) {
      return refuse(text, "has a host name that is not valid");
    }
    OutboundCheck check = outbound.checkUrl(url);
    if (check instanceof OutboundCheck.Refused refused) {
      return refuse(text, "is not allowed: " + refused.reason());
    }
    return Optional.of(url);
  }

  private Optional<URI> refuse(Located<String> text, String why) {
    reader.problem(text.path(), text.node(), "'" + text.value() + "' " + why);
    return Optional.empty();
  }
}
