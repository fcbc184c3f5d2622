package io.countersign.tenant.bundle;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Reads an upstream's {@code credentials: {bearerToken, headers}}, the values sealed at rest. */
final class CredentialsSection {

  private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");

  /** Headers the gateway's HTTP client sets itself, or that would break the MCP transport. */
  private static final Set<String> RESERVED_HEADERS =
      Set.of(
          "host",
          "content-length",
          "content-type",
          "transfer-encoding",
          "connection",
          "upgrade",
          "te",
          "trailer",
          "accept",
          "mcp-session-id",
          "mcp-protocol-version");

  /** Sealed, they must fit {@code upstream.credentials_sealed} (8192 characters of base64url). */
  private static final int MAX_CREDENTIALS_LENGTH = 6000;

  private static final Set<String> CREDENTIAL_FIELDS = Set.of("bearerToken", "headers");

  private final BundleReader reader;

  CredentialsSection(BundleReader reader) {
    this.reader = reader;
  }

  /** Empty only when a problem was reported; {@link UpstreamCredentials#none()} when absent. */
  Optional<UpstreamCredentials> read(YamlMap upstream) {
    if (!upstream.has("credentials")) {
      return Optional.of(UpstreamCredentials.none());
    }
    Optional<YamlMap> credentials = upstream.map("credentials", CREDENTIAL_FIELDS);
    if (credentials.isEmpty()) {
      return Optional.empty();
    }
    int before = reader.problems().size();
    Optional<String> bearerToken =
        credentials.get().optionalText("bearerToken").filter(this::headerValue).map(Located::value);
    Map<String, String> headers = new LinkedHashMap<>();
    Optional<YamlMap> headerMap =
        credentials
            .get()
            .value("headers")
            .flatMap(node -> anyKeys(node, credentials.get().path("headers")));
    headerMap.ifPresent(map -> readHeaders(map, headers));
    if (bearerToken.isPresent()
        && headers.keySet().stream().anyMatch("authorization"::equalsIgnoreCase)) {
      reader.problem(
          credentials.get().path("bearerToken"),
          credentials.get().node(),
          "bearerToken and an Authorization header cannot both be set");
    }
    if (reader.problems().size() != before) {
      return Optional.empty();
    }
    UpstreamCredentials declared = new UpstreamCredentials(bearerToken, headers);
    if (declared.toJson().length() > MAX_CREDENTIALS_LENGTH) {
      reader.problem(
          credentials.get().path(),
          credentials.get().node(),
          "credentials are too large (at most " + MAX_CREDENTIALS_LENGTH + " characters in all)");
      return Optional.empty();
    }
    return Optional.of(declared);
  }

  private Optional<YamlMap> anyKeys(Node node, String path) {
    if (!(node instanceof MappingNode mapping)) {
      reader.problem(path, node, "must be a mapping of header name to value");
      return Optional.empty();
    }
    Set<String> keys = new HashSet<>();
    for (NodeTuple tuple : mapping.getValue()) {
      if (tuple.getKeyNode() instanceof ScalarNode key) {
        keys.add(key.getValue());
      }
    }
    return reader.map(node, path, keys);
  }

  private void readHeaders(YamlMap map, Map<String, String> headers) {
    for (NodeTuple tuple : map.node().getValue()) {
      String name = ((ScalarNode) tuple.getKeyNode()).getValue();
      String path = map.path(name);
      if (!HEADER_NAME.matcher(name).matches()) {
        reader.problem(path, tuple.getKeyNode(), "'" + name + "' is not a valid HTTP header name");
      } else if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
        reader.problem(
            path, tuple.getKeyNode(), "header '" + name + "' is set by the gateway itself");
      } else {
        map.optionalText(name)
            .filter(this::headerValue)
            .ifPresent(v -> headers.put(name, v.value()));
      }
    }
  }

  /** Header values must not smuggle line breaks (CWE-113) and must fit a row. */
  private boolean headerValue(Located<String> value) {
    if (value.value().chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
      reader.problem(value.path(), value.node(), "must not contain line breaks");
      return false;
    }
    if (value.value().isEmpty()) {
      reader.problem(value.path(), value.node(), "must not be empty");
      return false;
    }
    return true;
  }
}
