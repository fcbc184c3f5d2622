package io.countersign.tenant.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.tenant.ApproverSignIn;
import org.junit.jupiter.api.Test;

class ApproversSectionTest {

  /** A bundle whose tenant has {@code approvers:} with these lines. */
  private static String bundle(String... lines) {
    StringBuilder yaml =
        new StringBuilder(
            """
            apiVersion: countersign.io/v1
            kind: TenantBundle
            tenant:
              id: acme
              displayName: "Acme Corp"
              approvers:
            """);
    for (String line : lines) {
      yaml.append("    ").append(line).append('\n');
    }
    return yaml.append(
            """
            upstreams:
              - name: shop
                url: https://mcp.example.com/mcp
            """)
        .toString();
  }

  @Test
  void parseWhenNoSectionThenPasswordsButOnlyDeviceBoundVotes() {
    assertEquals(
        new ApproverSignIn(true, true), Bundles.valid(Bundles.minimal()).tenant().approverSignIn());
  }

  @Test
  void parseWhenVotesOptionalThenUnsignedVotesAccepted() {
    assertEquals(
        new ApproverSignIn(true, false),
        Bundles.valid(bundle("deviceBoundVotes: optional")).tenant().approverSignIn());
  }

  @Test
  void parseWhenPasswordSignInOffThenEveryVoteDeviceBound() {
    assertEquals(
        ApproverSignIn.passkeysOnly(),
        Bundles.valid(bundle("passwordSignIn: false")).tenant().approverSignIn());
    assertEquals(
        ApproverSignIn.passkeysOnly(),
        Bundles.valid(bundle("passwordSignIn: false", "deviceBoundVotes: required"))
            .tenant()
            .approverSignIn());
  }

  @Test
  void parseWhenPasswordOffButVotesOptionalThenProblemAtTheVotes() {
    BundleProblem problem =
        Bundles.single(bundle("passwordSignIn: false", "deviceBoundVotes: optional"));
    assertEquals("tenant.approvers.deviceBoundVotes", problem.path());
    assertEquals(8, problem.line());
    assertTrue(problem.message().contains("must be required"), problem.message());
  }

  @Test
  void parseWhenUnknownWordsThenEachNamed() {
    assertTrue(
        Bundles.single(bundle("deviceBoundVotes: always"))
            .message()
            .contains("'always' is not one of optional, required"));
    assertTrue(
        Bundles.single(bundle("passwordSignIn: no"))
            .message()
            .contains("must be true or false, not 'no'"));
    assertTrue(
        Bundles.single(bundle("passkeys: true")).message().contains("unknown field 'passkeys'"));
  }

  @Test
  void digestWhenDefaultsWrittenOutThenAsWithoutTheSection() {
    assertEquals(
        BundleDigest.of(Bundles.valid(Bundles.minimal())),
        BundleDigest.of(
            Bundles.valid(bundle("passwordSignIn: true", "deviceBoundVotes: required"))));
    assertNotEquals(
        BundleDigest.of(Bundles.valid(Bundles.minimal())),
        BundleDigest.of(Bundles.valid(bundle("deviceBoundVotes: optional"))));
  }
}
