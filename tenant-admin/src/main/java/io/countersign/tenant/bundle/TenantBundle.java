package io.countersign.tenant.bundle;

import io.countersign.tenant.oauth.ClientRegistration;
import io.countersign.tenant.policy.PolicyDefinition;
import java.util.List;

/** A validated tenant bundle: everything a tenant is, declared in one document. */
public record TenantBundle(
    TenantDeclaration tenant,
    List<UpstreamDeclaration> upstreams,
    List<AgentDeclaration> agents,
    List<MemberDeclaration> members,
    List<ApproverGroupDeclaration> approverGroups,
    PolicyDefinition policy,
    List<ClientRegistration> oauthClients) {

  public TenantBundle {
    upstreams = List.copyOf(upstreams);
    agents = List.copyOf(agents);
    members = List.copyOf(members);
    approverGroups = List.copyOf(approverGroups);
    oauthClients = List.copyOf(oauthClients);
  }
}
