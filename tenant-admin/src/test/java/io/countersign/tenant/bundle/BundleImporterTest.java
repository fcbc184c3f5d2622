package io.countersign.tenant.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.tenant.ApproverSignIn;
import io.countersign.tenant.MemberRole;
import io.countersign.tenant.RecordingEvent;
import io.countersign.tenant.TenantChanged;
import io.countersign.tenant.TestDatabase;
import io.countersign.tenant.model.TenantEntity;
import io.countersign.tenant.outbound.OutboundUrlPolicy;
import io.countersign.tenant.policy.PolicyCompiler;
import io.countersign.tenant.policy.PolicyDefinition;
import io.countersign.tenant.secret.SecretBox;
import jakarta.persistence.PersistenceException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BundleImporterTest {

  private static final String POLICY =
      """
      policy:
        default: deny
        rules:
          - { name: reads, when: tool.annotations.readOnlyHint, action: allow }
      """;

  private final TestDatabase db = TestDatabase.create();
  private final SecretBox box = SecretBox.withKey(SecretBox.newKey());
  private final RecordingEvent<TenantChanged> events = new RecordingEvent<>();
  private final BundleImporter importer = new BundleImporter();

  BundleImporterTest() {
    importer.secretBox = box;
    importer.tenantChanged = events;
    importer.parser = new BundleParser(new OutboundUrlPolicy(false), new PolicyCompiler());
  }

  @AfterEach
  void closeDatabase() throws Exception {
    db.close();
  }

  @Test
  void importWhenNewTenantThenEveryItemCreated() {
    ImportReport report = importYaml(Bundles.withPeople() + POLICY);

    assertEquals(6, report.created()); // tenant, upstream, agent, 2 members, group; policy apart
    assertEquals(1, report.policyVersion());
    assertTrue(report.policyChanged());
    assertFalse(report.unchanged());
    assertEquals(new ImportReport.Counts(2, 0, 0), report.changes().get("members"));
    assertEquals(3, db.count("member_role"));
    assertEquals(2, db.count("approver_group_member"));
    assertEquals(List.of(new TenantChanged("acme")), events.fired());
  }

  @Test
  void importWhenSameBundleTwiceThenNothingChangesAndNoNewPolicyVersion() {
    importYaml(Bundles.withPeople() + POLICY);
    events.fired().clear();

    ImportReport again = importYaml(Bundles.withPeople() + POLICY);

    assertTrue(again.unchanged(), again::toString);
    assertEquals(0, again.created() + again.updated() + again.removed());
    assertEquals(1, again.policyVersion());
    assertEquals(1, db.count("policy_version"));
    assertEquals(List.of(), events.fired());
  }

  @Test
  void importWhenPolicyChangesThenNewVersionWithCanonicalDocument() {
    importYaml(Bundles.withPeople() + POLICY);

    ImportReport report =
        importYaml(Bundles.withPeople() + POLICY.replace("default: deny", "default: allow"));

    assertEquals(2, report.policyVersion());
    assertTrue(report.policyChanged());
    assertEquals(0, report.created() + report.updated() + report.removed());
    assertEquals(2, db.count("policy_version"));
    assertEquals(
        1,
        db.number(
            "SELECT COUNT(*) FROM policy_version WHERE version = 2 AND document LIKE '{\"default\":{\"action\":\"allow\"}%'"));
  }

  @Test
  void importWhenItemsNoLongerDeclaredThenRemovedButAgentsOnlyDisabled() {
    importYaml(Bundles.withPeople() + POLICY);

    ImportReport report = importYaml(Bundles.minimal() + POLICY);

    assertEquals(new ImportReport.Counts(0, 0, 1), report.changes().get("agents"));
    assertEquals(new ImportReport.Counts(0, 0, 2), report.changes().get("members"));
    assertEquals(new ImportReport.Counts(0, 0, 1), report.changes().get("approverGroups"));
    assertEquals(1, db.count("agent"));
    assertEquals(0, db.number("SELECT COUNT(*) FROM agent WHERE enabled"));
    assertEquals(
        0,
        db.count("member")
            + db.count("member_role")
            + db.count("approver_group")
            + db.count("approver_group_member"));
  }

  @Test
  void importWhenDisabledAgentDeclaredAgainThenEnabledWithSameId() {
    importYaml(Bundles.withPeople());
    String id = agentId();
    importYaml(Bundles.minimal());

    ImportReport report = importYaml(Bundles.withPeople());

    assertEquals(new ImportReport.Counts(0, 1, 0), report.changes().get("agents"));
    assertEquals(id, agentId());
    assertEquals(1, db.number("SELECT COUNT(*) FROM agent WHERE enabled"));
  }

  @Test
  void importWhenRolesAndGroupMembersChangeThenUpdatedInPlace() {
    importYaml(Bundles.withPeople());
    String changed =
        Bundles.withPeople()
            .replace("roles: [approver, tenant-admin]", "roles: [approver, auditor]")
            .replace(
                "members: [alice@acme.example, bob@acme.example]", "members: [bob@acme.example]");

    ImportReport report = importYaml(changed);

    assertEquals(new ImportReport.Counts(0, 1, 0), report.changes().get("members"));
    assertEquals(new ImportReport.Counts(0, 1, 0), report.changes().get("approverGroups"));
    assertEquals(1, db.number("SELECT COUNT(*) FROM member_role WHERE role = 'auditor'"));
    assertEquals(0, db.number("SELECT COUNT(*) FROM member_role WHERE role = 'tenant-admin'"));
    assertEquals(1, db.count("approver_group_member"));
  }

  @Test
  void importWhenCredentialsDeclaredThenStoredSealedAndResealedOnlyWhenChanged() {
    String yaml =
        Bundles.minimal()
            .replace(
                "url: https://mcp.example.com/mcp",
                "url: https://mcp.example.com/mcp\n    credentials: { bearerToken: tok-1 }");
    importYaml(yaml);
    String sealed = sealedCredentials();

    ImportReport same = importYaml(yaml);
    ImportReport rotated = importYaml(yaml.replace("tok-1", "tok-2"));

    assertFalse(sealed.contains("tok-1"));
    assertTrue(same.unchanged());
    assertEquals(new ImportReport.Counts(0, 1, 0), rotated.changes().get("upstreams"));
    assertNotEquals(sealed, sealedCredentials());
    assertEquals(
        Optional.of("tok-2"),
        UpstreamCredentials.fromJson(box.open(sealedCredentials())).bearerToken());
  }

  @Test
  void importWhenDatabaseRefusesAPartThenNothingIsWritten() {
    TenantBundle bundle = parse(Bundles.withPeople());
    MemberDeclaration tooLong =
        new MemberDeclaration("x".repeat(330) + "@acme.example", "X", Set.of(MemberRole.AUDITOR));
    TenantBundle broken =
        new TenantBundle(
            bundle.tenant(),
            bundle.upstreams(),
            bundle.agents(),
            List.of(tooLong),
            List.of(),
            PolicyDefinition.DENY_ALL,
            List.of());

    assertThrows(
        PersistenceException.class,
        () ->
            db.transaction(
                em -> {
                  importer.em = em;
                  return importer.importBundle(broken);
                }));

    assertEquals(
        0, db.count("tenant") + db.count("upstream") + db.count("agent") + db.count("member"));
  }

  @Test
  void importYamlWhenInvalidThenRejectedAndNothingWritten() {
    ImportOutcome outcome =
        db.transaction(
            em -> {
              importer.em = em;
              return importer.importYaml(Bundles.minimal().replace("acme", "Acme"), Map.of());
            });

    assertEquals(
        "tenant.id",
        assertInstanceOf(ImportOutcome.Rejected.class, outcome).problems().get(0).path());
    assertEquals(0, db.count("tenant"));
  }

  @Test
  void importWhenTimeoutsDeclaredThenStoredInMilliseconds() {
    importYaml(
        Bundles.minimal()
            .replace(
                "url: https://mcp.example.com/mcp",
                "url: https://mcp.example.com/mcp\n    timeouts: { connect: PT2S, read: PT1M }"));

    assertEquals(2000, db.number("SELECT connect_timeout_ms FROM upstream"));
    assertEquals(60000, db.number("SELECT read_timeout_ms FROM upstream"));
    assertEquals(
        URI.create("https://mcp.example.com/mcp"),
        parse(Bundles.minimal()).upstreams().get(0).url());
    assertEquals(
        Duration.ofSeconds(5), parse(Bundles.minimal()).upstreams().get(0).connectTimeout());
  }

  private ImportReport importYaml(String yaml) {
    TenantBundle bundle = parse(yaml);
    return db.transaction(
        em -> {
          importer.em = em;
          return importer.importBundle(bundle);
        });
  }

  private TenantBundle parse(String yaml) {
    BundleParseResult result = importer.parser.parse(yaml, Map.of());
    return assertInstanceOf(BundleParseResult.Valid.class, result, result::toString).bundle();
  }

  private String agentId() {
    return db.transaction(
        em -> em.createQuery("SELECT a.id FROM AgentEntity a", String.class).getSingleResult());
  }

  @Test
  void importWhenWebhookDeclaredThenStoredSealedResealedOnlyWhenChangedAndRemovedWhenDropped() {
    String secret = "whsec-0123456789abcdef0123456789abcdef";
    String yaml =
        Bundles.minimal()
            .replace(
                "tenant: { id: acme, displayName: Acme Corp }",
                "tenant:\n  id: acme\n  displayName: Acme Corp\n  notifications:\n    webhook:\n"
                    + "      url: https://hooks.acme.example/cs\n      secret: "
                    + secret);
    ImportReport created = importYaml(yaml);
    String sealed = sealedWebhookSecret();

    ImportReport same = importYaml(yaml);
    ImportReport rotated = importYaml(yaml.replace(secret, secret + "-2"));
    ImportReport dropped = importYaml(Bundles.minimal());

    assertEquals(new ImportReport.Counts(1, 0, 0), created.changes().get("webhook"));
    assertFalse(sealed.contains(secret));
    assertEquals(secret, box.open(sealed));
    assertTrue(same.unchanged());
    assertEquals(new ImportReport.Counts(0, 1, 0), rotated.changes().get("webhook"));
    assertEquals(new ImportReport.Counts(0, 0, 1), dropped.changes().get("webhook"));
    assertEquals(0, db.count("tenant_webhook"));
  }

  @Test
  void importWhenApproversTakePasskeysOnlyThenStoredAndBackToDefaultsWhenDropped() {
    String yaml =
        Bundles.minimal()
            .replace(
                "tenant: { id: acme, displayName: Acme Corp }",
                "tenant:\n  id: acme\n  displayName: Acme Corp\n  approvers:\n"
                    + "    passwordSignIn: false\n");
    importYaml(Bundles.minimal());

    ImportReport passkeysOnly = importYaml(yaml);
    ApproverSignIn stored = approverSignIn();
    ImportReport same = importYaml(yaml);
    ImportReport dropped = importYaml(Bundles.minimal());

    assertEquals(new ImportReport.Counts(0, 1, 0), passkeysOnly.changes().get("tenant"));
    assertEquals(ApproverSignIn.passkeysOnly(), stored);
    assertTrue(same.unchanged(), same::toString);
    assertEquals(new ImportReport.Counts(0, 1, 0), dropped.changes().get("tenant"));
    assertEquals(ApproverSignIn.DEFAULT, approverSignIn());
  }

  private ApproverSignIn approverSignIn() {
    return db.transaction(
        em ->
            em.createQuery("SELECT t FROM TenantEntity t", TenantEntity.class)
                .getSingleResult()
                .approverSignIn());
  }

  private String sealedWebhookSecret() {
    return db.transaction(
        em ->
            em.createQuery("SELECT w.secretSealed FROM WebhookEntity w", String.class)
                .getSingleResult());
  }

  private String sealedCredentials() {
    return db.transaction(
        em ->
            em.createQuery("SELECT u.credentialsSealed FROM UpstreamEntity u", String.class)
                .getSingleResult());
  }
}
