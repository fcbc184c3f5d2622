package io.countersign.tenant.approval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.tenant.TestDatabase;
import io.countersign.tenant.bundle.BundleImporterAccess;
import io.countersign.tenant.bundle.BundleParseResult;
import io.countersign.tenant.bundle.BundleParser;
import io.countersign.tenant.bundle.ImportReport;
import io.countersign.tenant.oauth.DeliveryMode;
import io.countersign.tenant.outbound.OutboundUrlPolicy;
import io.countersign.tenant.policy.PolicyCompiler;
import io.countersign.tenant.secret.SecretBox;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The import writes {@code tenant_approval_provider}; {@link ExternalProviders} reads it back. */
class ExternalProvidersTest {

  private static final String BUILT_IN =
      """
      apiVersion: countersign.io/v1
      kind: TenantBundle
      tenant:
        id: acme
        displayName: Acme Corp
      """;

  private static final String EXTERNAL =
      BUILT_IN
          + """
            approvalProvider:
              issuer: https://login.acme.example/realms/approvals
              clientId: countersign-gateway
              clientSecret: ${SECRET}
          """;

  private final TestDatabase db = TestDatabase.create();
  private final SecretBox box = SecretBox.withKey(SecretBox.newKey());
  private final BundleParser parser =
      new BundleParser(new OutboundUrlPolicy(false), new PolicyCompiler());

  @AfterEach
  void closeDatabase() throws Exception {
    db.close();
  }

  @Test
  void importWhenProviderDeclaredThenReadBackWithItsSecretSealedAtRest() {
    ImportReport report = importYaml(EXTERNAL, "first-secret-value");

    assertEquals(
        new ImportReport.Counts(1, 0, 0), report.changes().get("approvalProvider"), "created");
    assertEquals(
        Optional.of(
            new ExternalProvider(
                URI.create("https://login.acme.example/realms/approvals"),
                "countersign-gateway",
                "first-secret-value",
                DeliveryMode.PING)),
        find());
    String sealed = sealedSecret();
    assertFalse(sealed.contains("first-secret-value"), "never stored in the clear");
    assertEquals("first-secret-value", box.open(sealed));
  }

  @Test
  void importWhenSameAgainThenUnchangedAndNotResealed() {
    importYaml(EXTERNAL, "first-secret-value");
    String sealed = sealedSecret();

    ImportReport again = importYaml(EXTERNAL, "first-secret-value");

    assertTrue(again.unchanged(), again.toString());
    assertEquals(sealed, sealedSecret());
  }

  @Test
  void importWhenSecretOrModeChangesThenUpdated() {
    importYaml(EXTERNAL, "first-secret-value");
    String sealed = sealedSecret();

    ImportReport rotated = importYaml(EXTERNAL, "second-secret-value");
    ImportReport polled =
        importYaml(
            EXTERNAL.replace("${SECRET}", "${SECRET}\n    deliveryMode: poll"),
            "second-secret-value");

    assertEquals(new ImportReport.Counts(0, 1, 0), rotated.changes().get("approvalProvider"));
    assertNotEquals(sealed, sealedSecret());
    assertEquals(new ImportReport.Counts(0, 1, 0), polled.changes().get("approvalProvider"));
    ExternalProvider now = find().orElseThrow();
    assertEquals("second-secret-value", now.clientSecret());
    assertEquals(DeliveryMode.POLL, now.deliveryMode());
  }

  @Test
  void importWhenSectionRemovedThenBackToTheBuiltInProvider() {
    importYaml(EXTERNAL, "first-secret-value");

    ImportReport removed = importYaml(BUILT_IN, "unused");

    assertEquals(new ImportReport.Counts(0, 0, 1), removed.changes().get("approvalProvider"));
    assertEquals(Optional.empty(), find());
    assertEquals(0, db.count("tenant_approval_provider"));
  }

  private ImportReport importYaml(String yaml, String secret) {
    BundleParseResult result = parser.parse(yaml, Map.of("SECRET", secret));
    var bundle = assertInstanceOf(BundleParseResult.Valid.class, result, result::toString).bundle();
    return db.transaction(em -> BundleImporterAccess.importBundle(em, box, bundle));
  }

  private Optional<ExternalProvider> find() {
    return db.transaction(
        em -> {
          ExternalProviders providers = new ExternalProviders();
          providers.em = em;
          providers.box = box;
          return providers.find("acme");
        });
  }

  private String sealedSecret() {
    return db.transaction(
        em ->
            em.createQuery("SELECT p.secretSealed FROM ApprovalProviderEntity p", String.class)
                .getSingleResult());
  }
}
