package io.countersign.gateway.upstream;

import io.countersign.tenant.UpstreamEndpoint;
import java.util.Optional;

/**
 * An initialised connection to one upstream on behalf of one client session: the upstream's {@code
 * Mcp-Session-Id} (empty for upstreams that keep no session) and the negotiated version.
 */
public record UpstreamLink(
    UpstreamEndpoint endpoint, Optional<String> sessionId, String protocolVersion) {}
