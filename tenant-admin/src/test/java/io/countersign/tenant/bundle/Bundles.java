package io.countersign.tenant.bundle;

/** Bundle texts for tests; line numbers matter to the tests that use them. */
final class Bundles {

  private Bundles() {}

  /** Six lines: header, tenant, one upstream; no policy (deny-all). */
  static String minimal() {
    return """
        apiVersion: countersign.io/v1
        kind: TenantBundle
        tenant: { id: acme, displayName: Acme Corp }
        upstreams:
          - name: shop
            url: https://mcp.example.com/mcp
        """;
  }

  /** {@link #minimal()} plus two approvers and the group db-owners; no policy. */
  static String withPeople() {
    return minimal()
        + """
        agents:
          - { name: support-bot, description: Answers customers }
        members:
          - { email: alice@acme.example, displayName: Alice, roles: [approver, tenant-admin] }
          - { email: bob@acme.example, displayName: Bob, roles: [approver] }
        approverGroups:
          - { name: db-owners, members: [alice@acme.example, bob@acme.example] }
        """;
  }
}
