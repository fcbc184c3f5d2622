package io.countersign.gateway.upstream;

import io.countersign.gateway.upstream.UpstreamFailure.Kind;
import io.countersign.tenant.outbound.OutboundCheck;
import io.countersign.tenant.outbound.OutboundUrlPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Resolves the upstream's host (the JVM caches answers briefly) and checks every address against
 * the outbound policy, so a name that was harmless at import cannot later point inside.
 */
@ApplicationScoped
public class ResolvingOutboundGuard implements OutboundGuard {

  @Inject OutboundUrlPolicy policy;

  @Override
  public Optional<UpstreamFailure> check(URI url) {
    OutboundCheck byUrl = policy.checkUrl(url);
    if (byUrl instanceof OutboundCheck.Refused refused) {
      return Optional.of(new UpstreamFailure(Kind.FORBIDDEN_ADDRESS, refused.reason()));
    }
    try {
      for (InetAddress address : InetAddress.getAllByName(url.getHost())) {
        if (policy.checkAddress(address) instanceof OutboundCheck.Refused refused) {
          return Optional.of(new UpstreamFailure(Kind.FORBIDDEN_ADDRESS, refused.reason()));
        }
      }
    } catch (UnknownHostException e) {
      return Optional.of(new UpstreamFailure(Kind.UNREACHABLE, "unknown host " + url.getHost()));
    }
    return Optional.empty();
  }

  @Override
  public boolean allows(InetAddress address) {
    return policy.checkAddress(address).permitted();
  }
}
