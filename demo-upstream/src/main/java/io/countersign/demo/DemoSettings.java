package io.countersign.demo;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;

/**
 * Settings of the demo upstream, read from MicroProfile Config. Every default keeps the war inert:
 * nothing is served and nothing is migrated unless {@value #ENABLED} is {@code true}.
 *
 * @param enabled whether demo mode is on ({@value #ENABLED}, env {@code COUNTERSIGN_DEMO_ENABLED})
 * @param upstreamToken the bearer token callers must present, if any ({@value #UPSTREAM_TOKEN})
 * @param sandbox the folder {@code read_file} reads from ({@value #SANDBOX})
 */
public record DemoSettings(boolean enabled, Optional<String> upstreamToken, Path sandbox) {

  public static final String ENABLED = "countersign.demo.enabled";
  public static final String UPSTREAM_TOKEN = "countersign.demo.upstream-token";
  public static final String SANDBOX = "countersign.demo.sandbox";

  public DemoSettings {
    Objects.requireNonNull(upstreamToken, "upstreamToken");
    Objects.requireNonNull(sandbox, "sandbox");
    sandbox = sandbox.toAbsolutePath().normalize();
  }

  public static DemoSettings fromConfig(Config config) {
    return from(name -> config.getOptionalValue(name, String.class));
  }

  /** Reads the settings through {@code property}, which looks a config property up by name. */
  public static DemoSettings from(Function<String, Optional<String>> property) {
    boolean enabled = property.apply(ENABLED).map(DemoSettings::isTrue).orElse(false);
    Optional<String> token = property.apply(UPSTREAM_TOKEN).filter(t -> !t.isBlank());
    Path sandbox =
        property
            .apply(SANDBOX)
            .filter(s -> !s.isBlank())
            .map(Path::of)
            .orElseGet(DemoSettings::defaultSandbox);
    return new DemoSettings(enabled, token, sandbox);
  }

  /** The values MicroProfile Config's boolean converter reads as true. */
  private static boolean isTrue(String value) {
    return Set.of("true", "1", "yes", "y", "on").contains(value.trim().toLowerCase(Locale.ROOT));
  }

  /** {@code demo-sandbox} under Liberty's {@code server.output.dir}, else under the temp dir. */
  static Path defaultSandbox() {
    String base = System.getProperty("server.output.dir", System.getProperty("java.io.tmpdir"));
    return Path.of(base, "demo-sandbox");
  }

  /** Never prints the token. */
  @Override
  public String toString() {
    return "DemoSettings[enabled="
        + enabled
        + ", upstreamToken="
        + (upstreamToken.isPresent() ? "(set)" : "(none)")
        + ", sandbox="
        + sandbox
        + "]";
  }
}
