package io.countersign.tenant;

import io.countersign.tenant.bundle.BundleImporterAccess;
import io.countersign.tenant.bundle.BundleParseResult;
import io.countersign.tenant.bundle.BundleParser;
import io.countersign.tenant.bundle.ImportReport;
import io.countersign.tenant.outbound.OutboundUrlPolicy;
import io.countersign.tenant.policy.PolicyCompiler;
import io.countersign.tenant.secret.SecretBox;
import java.util.Map;

/** Imports small bundles into a {@link TestDatabase}, for tests outside the bundle package. */
public final class TenantFixtures {

  private TenantFixtures() {}

  /**
   * A tenant with upstream {@code shop} (bearer token), agent {@code bot}, and the given policy.
   */
  public static String bundle(String tenantId, String policy) {
    return """
        apiVersion: countersign.io/v1
        kind: TenantBundle
        tenant: { id: %s, displayName: Tenant %s }
        upstreams:
          - name: shop
            url: https://mcp.example.com/%s
            credentials: { bearerToken: token-of-%s, headers: { X-Tenant: %s } }
            timeouts: { connect: PT1S, read: PT9S }
        agents:
          - { name: bot }
        members:
          - { email: alice@%s.example, displayName: Alice, roles: [approver] }
        approverGroups:
          - { name: owners, members: [alice@%s.example] }
        policy:
        %s
        """
        .formatted(
            tenantId, tenantId, tenantId, tenantId, tenantId, tenantId, tenantId, policy.indent(2));
  }

  public static ImportReport importBundle(TestDatabase db, SecretBox box, String yaml) {
    BundleParser parser = new BundleParser(new OutboundUrlPolicy(false), new PolicyCompiler());
    BundleParseResult parsed = parser.parse(yaml, Map.of());
    if (!(parsed instanceof BundleParseResult.Valid valid)) {
      throw new AssertionError("invalid test bundle: " + parsed);
    }
    return db.transaction(em -> BundleImporterAccess.importBundle(em, box, valid.bundle()));
  }
}
