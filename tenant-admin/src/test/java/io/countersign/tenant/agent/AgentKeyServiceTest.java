package io.countersign.tenant.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.tenant.RecordingEvent;
import io.countersign.tenant.TenantChanged;
import io.countersign.tenant.TenantFixtures;
import io.countersign.tenant.TestDatabase;
import io.countersign.tenant.secret.ApiKeys;
import io.countersign.tenant.secret.SecretBox;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AgentKeyServiceTest {

  private static final String PRESET = "cs_demoagent234_" + "d".repeat(43);

  private final TestDatabase db = TestDatabase.create();
  private final RecordingEvent<TenantChanged> events = new RecordingEvent<>();
  private final AgentKeyService service = new AgentKeyService();

  @BeforeEach
  void importTenant() {
    TenantFixtures.importBundle(
        db, SecretBox.withKey(SecretBox.newKey()), TenantFixtures.bundle("acme", "default: deny"));
    service.tenantChanged = events;
  }

  @AfterEach
  void closeDatabase() throws Exception {
    db.close();
  }

  @Test
  void issueWhenAgentExistsThenKeyShownOnceAndOnlyItsHashStored() {
    IssuedKey issued = call(s -> s.issue("acme", "bot"));

    assertTrue(ApiKeys.parse(issued.plaintext()).isPresent());
    assertEquals(1, db.count("agent_key"));
    String stored =
        db.transaction(
            em ->
                em.createQuery("SELECT k.secretHash FROM AgentKeyEntity k", String.class)
                    .getSingleResult());
    assertEquals(ApiKeys.parse(issued.plaintext()).orElseThrow().secretHash(), stored);
    assertFalse(issued.toString().contains(issued.plaintext()));
    assertEquals(List.of(new TenantChanged("acme")), events.fired());
  }

  @Test
  void issueWhenAgentUnknownThenUnknownAgentException() {
    UnknownAgentException e =
        assertThrows(UnknownAgentException.class, () -> call(s -> s.issue("acme", "ghost")));

    assertEquals("tenant 'acme' has no enabled agent 'ghost'", e.getMessage());
  }

  @Test
  void issueWithValueWhenCalledTwiceThenStoredOnce() {
    IssuedKey first = call(s -> s.issueWithValue("acme", "bot", PRESET));
    IssuedKey second = call(s -> s.issueWithValue("acme", "bot", PRESET));

    assertEquals(first, second);
    assertEquals("demoagent234", first.prefix());
    assertEquals(1, db.count("agent_key"));
  }

  @Test
  void issueWithValueWhenMalformedThenPreciseError() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> call(s -> s.issueWithValue("acme", "bot", "cs_short_x")));

    assertTrue(e.getMessage().endsWith("the prefix has 5 characters, expected 12"), e.getMessage());
  }

  @Test
  void issueWithValueWhenPrefixTakenByAnotherSecretThenRefused() {
    call(s -> s.issueWithValue("acme", "bot", PRESET));

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> call(s -> s.issueWithValue("acme", "bot", "cs_demoagent234_" + "e".repeat(43))));

    assertEquals(
        "an API key with prefix 'demoagent234' already exists; choose another key", e.getMessage());
  }

  @Test
  void revokeWhenKeyOfAgentThenRevokedAndTrueAgain() {
    IssuedKey issued = call(s -> s.issue("acme", "bot"));

    boolean first = call(s -> s.revoke("acme", "bot", issued.prefix()));
    boolean second = call(s -> s.revoke("acme", "bot", issued.prefix()));

    assertTrue(first);
    assertTrue(second);
    assertEquals(1, db.number("SELECT COUNT(*) FROM agent_key WHERE revoked_at IS NOT NULL"));
  }

  @Test
  void revokeWhenPrefixOfAnotherTenantThenFalse() {
    TenantFixtures.importBundle(
        db, SecretBox.withKey(SecretBox.newKey()), TenantFixtures.bundle("other", "default: deny"));
    IssuedKey issued = call(s -> s.issue("other", "bot"));

    boolean revoked = call(s -> s.revoke("acme", "bot", issued.prefix()));

    assertFalse(revoked);
    assertEquals(0, db.number("SELECT COUNT(*) FROM agent_key WHERE revoked_at IS NOT NULL"));
  }

  private <T> T call(Function<AgentKeyService, T> work) {
    return db.transaction(
        em -> {
          service.em = em;
          return work.apply(service);
        });
  }
}
