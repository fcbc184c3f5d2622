package io.countersign.ciba.provider;

import io.countersign.tenant.member.Member;
import io.countersign.tenant.member.MemberAccounts;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@link Decisions} reading group members from a map instead of the member tables. */
public final class TestDecisions {

  private TestDecisions() {}

  /** Decisions whose groups have these members' emails. */
  public static Decisions withGroups(String tenantId, Map<String, List<String>> groups) {
    Decisions decisions = new Decisions();
    decisions.members =
        new MemberAccounts() {
          @Override
          public List<Member> approvers(String tenant, String group) {
            return groups.getOrDefault(group, List.of()).stream()
                .map(email -> new Member(tenantId, email, email, email, Set.of()))
                .toList();
          }
        };
    return decisions;
  }
}
