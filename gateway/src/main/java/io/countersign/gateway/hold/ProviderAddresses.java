package io.countersign.gateway.hold;

import io.countersign.gateway.upstream.OutboundGuard;
import io.countersign.gateway.upstream.UpstreamFailure;
import io.countersign.tenant.outbound.OutboundUrlPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Optional;

/**
 * The outbound rules for an external approval provider's URLs, the same as for upstreams (SSRF:
 * every resolved address checked right before connecting), plus https unless the platform allows
 * private networks. Its discovery document chooses the endpoints, so each is checked, not only the
 * configured issuer.
 */
@ApplicationScoped
public class ProviderAddresses {

  @Inject OutboundGuard guard;
  @Inject OutboundUrlPolicy policy;

  /** Throws why the gateway may not reach {@code url} (the provider's {@code what}). */
  public void check(URI url, String what) throws ApprovalUnavailable {
    if (!"https".equalsIgnoreCase(url.getScheme()) && !policy.allowsPrivateNetworks()) {
      throw new ApprovalUnavailable(
          "the approval provider's " + what + " " + url + " does not use https");
    }
    Optional<UpstreamFailure> refused = guard.check(url);
    if (refused.isPresent()) {
      throw new ApprovalUnavailable(
          "the approval provider's "
              + what
              + " "
              + url
              + " may not be reached: "
              + refused.get().detail());
    }
  }
}
