package io.countersign.tenant.bundle;

import io.countersign.tenant.TenantChanged;
import io.countersign.tenant.secret.SecretBox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Map;

/**
 * Imports tenant bundles, each in one transaction: everything the bundle declares is in force
 * afterwards, or nothing changed at all. Validation comes first ({@link BundleParser}), so a bundle
 * with a problem never reaches the database.
 */
@ApplicationScoped
public class BundleImporter {

  @PersistenceContext(unitName = "countersign")
  EntityManager em;

  @Inject SecretBox secretBox;

  @Inject BundleParser parser;

  @Inject Event<TenantChanged> tenantChanged;

  /**
   * Validates and imports a bundle text, replacing {@code ${NAME}} placeholders from {@code
   * variables} (e.g. demo mode passes {@code DEMO_UPSTREAM_URL}).
   */
  @Transactional
  public ImportOutcome importYaml(String yaml, Map<String, String> variables) {
    BundleParseResult parsed = parser.parse(yaml, variables);
    if (parsed instanceof BundleParseResult.Invalid invalid) {
      return new ImportOutcome.Rejected(invalid.problems());
    }
    return new ImportOutcome.Imported(importBundle(((BundleParseResult.Valid) parsed).bundle()));
  }

  /** Imports a validated bundle; idempotent: the same bundle twice changes nothing. */
  @Transactional
  public ImportReport importBundle(TenantBundle bundle) {
    ImportReport report = new TenantReconciler(em, secretBox, Instant.now()).reconcile(bundle);
    if (!report.unchanged()) {
      tenantChanged.fire(new TenantChanged(bundle.tenant().id()));
    }
    return report;
  }
}
