package io.countersign.tenant.bundle;

import io.countersign.tenant.model.PolicyVersionEntity;
import io.countersign.tenant.model.TenantEntity;
import io.countersign.tenant.policy.PolicyDocument;
import io.countersign.tenant.secret.SecretBox;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Makes the database match a validated bundle, declaratively: what the bundle declares is created
 * or updated, what it no longer declares is removed (agents: disabled). Runs inside the caller's
 * transaction; importing the same bundle again writes nothing.
 */
final class TenantReconciler {

  static final String TENANT = "tenant";

  private final EntityManager em;
  private final SecretBox box;
  private final Instant now;

  TenantReconciler(EntityManager em, SecretBox box, Instant now) {
    this.em = em;
    this.box = box;
    this.now = now;
  }

  ImportReport reconcile(TenantBundle bundle) {
    ChangeCounter counter = new ChangeCounter();
    List.of(
            TENANT,
            UpstreamReconciler.KIND,
            AgentReconciler.KIND,
            PeopleReconciler.MEMBERS,
            PeopleReconciler.GROUPS,
            OAuthClientReconciler.KIND,
            ApprovalProviderReconciler.KIND)
        .forEach(counter::touch);
    TenantEntity tenant = tenant(bundle.tenant(), counter);
    em.flush();
    new UpstreamReconciler(em, box, counter).reconcile(bundle);
    new AgentReconciler(em, counter).reconcile(bundle);
    new PeopleReconciler(em, counter).reconcile(bundle);
    em.flush();
    new OAuthClientReconciler(em, counter, now).reconcile(bundle);
    new ApprovalProviderReconciler(em, box, counter, now).reconcile(bundle);
    new WebhookReconciler(em, box, counter, now).reconcile(bundle);
    PolicyOutcome policy = policy(bundle);
    String digest = BundleDigest.of(bundle);
    tenant.bundleImported(digest, now); // writes only when the digest changed
    em.flush();
    return counter.report(tenant.id(), policy.version(), policy.added());
  }

  /** The tenant row, locked so that two imports of one tenant run one after the other. */
  private TenantEntity tenant(TenantDeclaration declared, ChangeCounter counter) {
    TenantEntity row = em.find(TenantEntity.class, declared.id(), LockModeType.PESSIMISTIC_WRITE);
    if (row == null) {
      row = new TenantEntity(declared.id(), declared.displayName(), declared.demo(), now);
      row.declare(
          declared.displayName(),
          declared.demo(),
          declared.approvalExpiry(),
          declared.toolNames(),
          declared.approverSignIn(),
          now);
      em.persist(row);
      counter.created(TENANT);
    } else {
      counter.updatedIf(
          TENANT,
          row.declare(
              declared.displayName(),
              declared.demo(),
              declared.approvalExpiry(),
              declared.toolNames(),
              declared.approverSignIn(),
              now));
    }
    return row;
  }

  private record PolicyOutcome(int version, boolean added) {}

  /** Adds a policy version only when the canonical document differs from the one in force. */
  private PolicyOutcome policy(TenantBundle bundle) {
    PolicyDocument document = PolicyDocument.of(bundle.policy());
    Optional<PolicyVersionEntity> latest = latestPolicy(em, bundle.tenant().id());
    if (latest.isPresent() && latest.get().digest().equals(document.digest())) {
      return new PolicyOutcome(latest.get().version(), false);
    }
    int version = latest.map(PolicyVersionEntity::version).orElse(0) + 1;
    em.persist(
        new PolicyVersionEntity(
            bundle.tenant().id(), version, document.json(), document.digest(), now));
    return new PolicyOutcome(version, true);
  }

  /** The policy version in force for a tenant (the highest), if it has one. */
  static Optional<PolicyVersionEntity> latestPolicy(EntityManager em, String tenantId) {
    return em.createQuery(
            "SELECT p FROM PolicyVersionEntity p WHERE p.tenantId = :tenant ORDER BY p.version DESC",
            PolicyVersionEntity.class)
        .setParameter("tenant", tenantId)
        .setMaxResults(1)
        .getResultStream()
        .findFirst();
  }
}
