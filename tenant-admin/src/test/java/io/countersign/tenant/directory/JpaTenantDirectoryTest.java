package io.countersign.tenant.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.tenant.AgentPrincipal;
import io.countersign.tenant.RecordingEvent;
import io.countersign.tenant.Tenant;
import io.countersign.tenant.TenantChanged;
import io.countersign.tenant.TenantFixtures;
import io.countersign.tenant.TestDatabase;
import io.countersign.tenant.UpstreamEndpoint;
import io.countersign.tenant.agent.AgentKeyService;
import io.countersign.tenant.agent.IssuedKey;
import io.countersign.tenant.policy.Policy;
import io.countersign.tenant.policy.PolicyCompiler;
import io.countersign.tenant.policy.PolicyInput;
import io.countersign.tenant.policy.PolicyVerdict;
import io.countersign.tenant.secret.SecretBox;
import jakarta.persistence.EntityManager;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JpaTenantDirectoryTest {

  private final TestDatabase db = TestDatabase.create();
  private final SecretBox box = SecretBox.withKey(SecretBox.newKey());
  private final JpaTenantDirectory directory = new JpaTenantDirectory();
  private TenantStore store;

  @BeforeEach
  void importTenants() {
    TenantFixtures.importBundle(db, box, TenantFixtures.bundle("acme", "default: allow"));
    TenantFixtures.importBundle(db, box, TenantFixtures.bundle("other", "default: allow"));
    store = new TenantStore();
    newPersistenceContext();
    store.secretBox = box;
    store.compiler = new PolicyCompiler();
    directory.store = store;
    directory.cacheTtl = Duration.ofMinutes(1);
    directory.createCaches();
  }

  @AfterEach
  void closeDatabase() throws Exception {
    store.em.close();
    db.close();
  }

  /**
   * A container gives each call outside a transaction a new persistence context; a test's
   * resource-local entity manager keeps what it loaded, so tests that change rows start anew.
   */
  private void newPersistenceContext() {
    if (store.em != null) {
      store.em.close();
    }
    store.em = db.entityManager();
  }

  @Test
  void tenantWhenKnownThenFoundElseEmpty() {
    assertEquals(Optional.of(new Tenant("acme", "Tenant acme", false)), directory.tenant("acme"));
    assertEquals(Optional.empty(), directory.tenant("nobody"));
  }

  @Test
  void authenticateWhenKeyOfTheTenantsAgentThenPrincipal() {
    IssuedKey key = issue("acme");

    Optional<AgentPrincipal> principal = directory.authenticate("acme", key.plaintext());

    assertEquals("bot", principal.orElseThrow().agentName());
    assertEquals("acme", principal.get().tenantId());
  }

  @Test
  void authenticateWhenKeyOfTenantAPresentedOnTenantBThenEmpty() {
    IssuedKey key = issue("acme");

    assertEquals(Optional.empty(), directory.authenticate("other", key.plaintext()));
  }

  @Test
  void authenticateWhenSecretWrongOrKeyMalformedThenEmpty() {
    IssuedKey key = issue("acme");
    String wrongSecret =
        key.plaintext().substring(0, key.plaintext().length() - 1)
            + (key.plaintext().endsWith("A") ? "B" : "A");

    assertEquals(Optional.empty(), directory.authenticate("acme", wrongSecret));
    assertEquals(Optional.empty(), directory.authenticate("acme", "Bearer " + key.plaintext()));
    assertEquals(Optional.empty(), directory.authenticate("acme", null));
  }

  @Test
  void authenticateWhenKeyRevokedThenEmptyOnceTheChangeCommits() {
    IssuedKey key = issue("acme");
    assertTrue(directory.authenticate("acme", key.plaintext()).isPresent());

    keyService().revoke("acme", "bot", key.prefix());
    directory.onTenantChanged(new TenantChanged("acme"));
    newPersistenceContext();

    assertEquals(Optional.empty(), directory.authenticate("acme", key.plaintext()));
  }

  @Test
  void authenticateWhenAgentDisabledByImportThenEmpty() {
    IssuedKey key = issue("acme");
    TenantFixtures.importBundle(
        db,
        box,
        TenantFixtures.bundle("acme", "default: allow")
            .replace("  - { name: bot }", "  - { name: another-bot }"));
    directory.invalidate("acme");
    newPersistenceContext();

    assertEquals(Optional.empty(), directory.authenticate("acme", key.plaintext()));
  }

  @Test
  void upstreamsWhenCredentialsSealedThenOpenedIntoHeaders() {
    UpstreamEndpoint shop = directory.upstreams("acme").get(0);

    assertEquals("shop", shop.name());
    assertEquals(URI.create("https://mcp.example.com/acme"), shop.url());
    assertEquals(
        Map.of("Authorization", "Bearer token-of-acme", "X-Tenant", "acme"), shop.headers());
    assertEquals(Duration.ofSeconds(1), shop.connectTimeout());
    assertEquals(Duration.ofSeconds(9), shop.readTimeout());
    assertTrue(!shop.toString().contains("token-of-acme"));
  }

  @Test
  void policyWhenImportedThenCompiledLatestVersionAndReusedFromCache() {
    Policy policy = directory.policy("acme");

    assertEquals(1, policy.version());
    assertInstanceOf(PolicyVerdict.Allow.class, policy.evaluate(input()));
    assertSame(policy, directory.policy("acme"));
  }

  @Test
  void policyWhenNewVersionImportedThenServedAfterInvalidation() {
    directory.policy("acme");
    TenantFixtures.importBundle(
        db, box, TenantFixtures.bundle("acme", "default: deny\nreason: closed"));
    directory.invalidate("acme");
    newPersistenceContext();

    Policy policy = directory.policy("acme");

    assertEquals(2, policy.version());
    assertEquals(new PolicyVerdict.Deny("default", "closed"), policy.evaluate(input()));
  }

  @Test
  void policyWhenTenantHasNoneThenDenyAllVersionZero() {
    Policy policy = directory.policy("nobody");

    assertEquals(0, policy.version());
    assertInstanceOf(PolicyVerdict.Deny.class, policy.evaluate(input()));
  }

  private static PolicyInput input() {
    return new PolicyInput(
        "acme",
        "shop",
        "list_orders",
        Map.of(),
        Map.of(),
        new AgentPrincipal("acme", "a", "bot"),
        Instant.now());
  }

  private IssuedKey issue(String tenantId) {
    return keyService().issue(tenantId, "bot");
  }

  private AgentKeyService keyService() {
    return new KeyServiceInTransaction(db);
  }

  /** The key service, each call in its own transaction as the container would run it. */
  private static final class KeyServiceInTransaction extends AgentKeyService {
    private final TestDatabase db;

    KeyServiceInTransaction(TestDatabase db) {
      this.db = db;
    }

    @Override
    public IssuedKey issue(String tenantId, String agentName) {
      return db.transaction(em -> delegate(em).issue(tenantId, agentName));
    }

    @Override
    public boolean revoke(String tenantId, String agentName, String prefix) {
      return db.transaction(em -> delegate(em).revoke(tenantId, agentName, prefix));
    }

    private static AgentKeyService delegate(EntityManager em) {
      return io.countersign.tenant.agent.AgentKeyServiceAccess.with(em, new RecordingEvent<>());
    }
  }
}
