package io.countersign.web.demo;

import io.countersign.tenant.agent.AgentKeyService;
import io.countersign.tenant.bundle.BundleImporter;
import io.countersign.tenant.bundle.ImportOutcome;
import io.countersign.tenant.member.MemberAccounts;
import io.countersign.tenant.oauth.ClientSecrets;
import io.countersign.tenant.oauth.OAuthClients;
import io.countersign.tenant.secret.ApiKeys;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Demo mode ({@code COUNTERSIGN_DEMO_ENABLED=true}, off by default): imports the demo tenant's
 * bundle, gives the demo agent its key and the demo members their password, and prints the
 * credentials it generated once. It only ever touches tenant {@code demo}, and refuses to start if
 * a tenant of that name exists that is not a demo tenant.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
public class DemoMode {

  static final String TENANT = "demo";
  static final String AGENT = "demo-agent";
  static final String CLIENT = "demo-gateway";
  static final java.util.List<String> DEMO_MEMBERS =
      java.util.List.of("alice@demo.example", "bob@demo.example", "carol@demo.example");
  private static final Logger LOG = Logger.getLogger(DemoMode.class.getName());

  @Inject
  @ConfigProperty(name = "countersign.demo.enabled", defaultValue = "false")
  boolean enabled;

  @Inject
  @ConfigProperty(name = "countersign.demo.agent-key")
  Optional<String> presetAgentKey;

  @Inject
  @ConfigProperty(name = "countersign.demo.password")
  Optional<String> presetPassword;

  @Inject
  @ConfigProperty(name = "countersign.demo.client-secret")
  Optional<String> presetClientSecret;

  @Inject
  @ConfigProperty(name = "http.port", defaultValue = "9080")
  int httpPort;

  @Inject
  @ConfigProperty(name = "countersign.demo.upstream-url")
  Optional<String> upstreamUrl;

  @Inject BundleImporter importer;
  @Inject AgentKeyService agentKeys;
  @Inject DemoTenantGuard demoTenant;
  @Inject MemberAccounts accounts;
  @Inject OAuthClients clients;

  @PostConstruct
  void start() {
    if (!enabled) {
      LOG.info("demo mode is off (set COUNTERSIGN_DEMO_ENABLED=true to start the demo tenant)");
      return;
    }
    demoTenant.refuseIfNotDemo(TENANT);
    String url = upstreamUrl.orElse("http://127.0.0.1:" + httpPort + "/demo-upstream/mcp");
    ImportOutcome outcome = importer.importYaml(demoBundle(), Map.of("DEMO_UPSTREAM_URL", url));
    if (outcome instanceof ImportOutcome.Rejected rejected) {
      throw new IllegalStateException("the demo bundle is invalid: " + rejected.problems());
    }
    String key = presetAgentKey.orElseGet(() -> ApiKeys.generate().plaintext());
    agentKeys.issueWithValue(TENANT, AGENT, key);
    String password = presetPassword.orElseGet(DemoMode::randomPassword);
    for (String member : DEMO_MEMBERS) {
      accounts.setPassword(TENANT, member, password.toCharArray());
    }
    String clientSecret = presetClientSecret.orElseGet(ClientSecrets::generate);
    clients.presetSecret(TENANT, CLIENT, clientSecret);
    LOG.info(() -> "demo tenant imported: " + ((ImportOutcome.Imported) outcome).report());
    printCredentials(
        httpPort,
        presetAgentKey.isPresent() ? "(from COUNTERSIGN_DEMO_AGENT_KEY)" : key,
        presetPassword.isPresent() ? "(from COUNTERSIGN_DEMO_PASSWORD)" : password,
        presetClientSecret.isPresent() ? "(from COUNTERSIGN_DEMO_CLIENT_SECRET)" : clientSecret);
  }

  private String demoBundle() {
    try (InputStream in = getClass().getResourceAsStream("/bundles/demo-tenant.yaml")) {
      if (in == null) {
        throw new IllegalStateException("the demo bundle is missing from the application");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the demo bundle", e);
    }
  }

  private static void printCredentials(int port, String key, String password, String clientSecret) {
    // Printed once, on purpose: these credentials exist only in demo mode.
    System.out.println(
        String.join(
            System.lineSeparator(),
            "",
            "==================== Countersign demo mode ====================",
            "  MCP endpoint : http://localhost:" + port + "/t/demo/mcp",
            "  Agent key    : " + key,
            "                 (send as 'Authorization: Bearer <key>')",
            "  Members      : alice@demo.example, bob@demo.example, carol@demo.example",
            "  Password     : " + password,
            "  CIBA issuer  : http://localhost:" + port + "/t/demo",
            "  CIBA client  : " + CLIENT + " / " + clientSecret,
            "                 (client_secret_basic, poll mode)",
            "===============================================================",
            ""));
  }

  private static String randomPassword() {
    byte[] bytes = new byte[12];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
