package io.countersign.tenant.bundle;

import io.countersign.tenant.ApprovalExpiry;
import io.countersign.tenant.ApproverSignIn;
import io.countersign.tenant.ToolNames;
import io.countersign.tenant.approval.ExternalProvider;
import io.countersign.tenant.notification.ChatWebhook;
import io.countersign.tenant.outbound.OutboundUrlPolicy;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads {@code tenant: {id, displayName, demo, approvalExpiry, toolNames, approvalProvider,
 * notifications, approvers}}.
 */
final class TenantSection {

  /** A tenant id is the slug in {@code /t/{tenant}/...}: DNS-label-like, 2 to 63 characters. */
  static final Pattern TENANT_ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");

  private static final Set<String> FIELDS =
      Set.of(
          "id",
          "displayName",
          "demo",
          "approvalExpiry",
          "toolNames",
          ApprovalProviderSection.FIELD,
          NotificationsSection.FIELD,
          ApproversSection.FIELD);
  private static final Pattern TOOL_NAMES = Pattern.compile("qualified|plain");
  private static final Set<String> EXPIRY_FIELDS = Set.of("default", "max");

  private TenantSection() {}

  static Optional<TenantDeclaration> read(YamlMap bundle, OutboundUrlPolicy outbound) {
    if (bundle.required("tenant").isEmpty()) {
      return Optional.empty();
    }
    int upstreams =
        bundle.value("upstreams").orElse(null) instanceof SequenceNode sequence
            ? sequence.getValue().size()
            : 0;
    return bundle.map("tenant", FIELDS).flatMap(tenant -> declaration(tenant, upstreams, outbound));
  }

  private static Optional<TenantDeclaration> declaration(
      YamlMap tenant, int upstreams, OutboundUrlPolicy outbound) {
    Optional<String> id =
        tenant
            .requiredText(
                "id",
                TENANT_ID,
                "a tenant id (2-63 characters: a-z, 0-9 and '-', not starting with '-')")
            .map(Located::value);
    Optional<String> displayName =
        tenant
            .requiredText("displayName")
            .filter(name -> tenant.fits(name, 200))
            .map(Located::value);
    boolean demo = tenant.bool("demo").orElse(false);
    Optional<ApprovalExpiry> expiry = approvalExpiry(tenant);
    Optional<ToolNames> toolNames = toolNames(tenant, upstreams);
    int before = tenant.reader().problems().size();
    Optional<ExternalProvider> approvalProvider = ApprovalProviderSection.read(tenant, outbound);
    Optional<ChatWebhook> webhook = NotificationsSection.read(tenant, outbound);
    Optional<ApproverSignIn> approvers = ApproversSection.read(tenant);
    if (id.isEmpty()
        || approvers.isEmpty()
        || displayName.isEmpty()
        || expiry.isEmpty()
        || toolNames.isEmpty()
        || tenant.reader().problems().size() > before) {
      return Optional.empty();
    }
    return Optional.of(
        new TenantDeclaration(
            id.get(),
            displayName.get(),
            demo,
            expiry.get(),
            toolNames.get(),
            approvalProvider,
            webhook,
            approvers.get()));
  }

  /**
   * {@code toolNames: qualified | plain}; plain only with exactly one upstream, since two could
   * name tools alike. Empty when it has a problem.
   */
  private static Optional<ToolNames> toolNames(YamlMap tenant, int upstreams) {
    Optional<Located<String>> word = tenant.optionalText("toolNames");
    if (word.isEmpty()) {
      return tenant.has("toolNames") ? Optional.empty() : Optional.of(ToolNames.QUALIFIED);
    }
    if (!tenant.matches(word.get(), TOOL_NAMES, "one of qualified, plain")) {
      return Optional.empty();
    }
    ToolNames names = ToolNames.of(word.get().value());
    if (names == ToolNames.PLAIN && upstreams != 1) {
      tenant
          .reader()
          .problem(
              word.get().path(),
              word.get().node(),
              "plain tool names need exactly one upstream (this bundle declares "
                  + upstreams
                  + "): with several, their tools could be named alike");
      return Optional.empty();
    }
    return Optional.of(names);
  }

  /** {@code approvalExpiry: {default: PT15M, max: PT1H}}; empty when it has a problem. */
  private static Optional<ApprovalExpiry> approvalExpiry(YamlMap tenant) {
    if (!tenant.has("approvalExpiry")) {
      return Optional.of(ApprovalExpiry.platformDefaults());
    }
    Optional<YamlMap> map = tenant.map("approvalExpiry", EXPIRY_FIELDS);
    if (map.isEmpty()) {
      return Optional.empty();
    }
    int before = tenant.reader().problems().size();
    Optional<java.time.Duration> byDefault =
        map.get().duration("default", ApprovalExpiry.MIN, ApprovalExpiry.MAX);
    Optional<java.time.Duration> max =
        map.get().duration("max", ApprovalExpiry.MIN, ApprovalExpiry.MAX);
    if (tenant.reader().problems().size() > before) {
      return Optional.empty();
    }
    if (byDefault.isPresent() && max.isPresent() && byDefault.get().compareTo(max.get()) > 0) {
      tenant
          .reader()
          .problem(
              map.get().path("default"),
              map.get().value("default").get(),
              "must not be longer than max (" + max.get() + ")");
      return Optional.empty();
    }
    return Optional.of(new ApprovalExpiry(byDefault, max));
  }
}
