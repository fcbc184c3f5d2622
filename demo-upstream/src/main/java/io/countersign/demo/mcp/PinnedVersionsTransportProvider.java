package io.countersign.demo.mcp;

import io.modelcontextprotocol.spec.McpStreamableServerSession;
import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * The SDK's Streamable HTTP transport, announcing only {@link ProtocolVersions#SUPPORTED}. The SDK
 * negotiates from {@link #protocolVersions()}: a client asking for another revision is answered
 * with the newest supported one (lifecycle, "Version Negotiation").
 */
final class PinnedVersionsTransportProvider implements McpStreamableServerTransportProvider {

  private final McpStreamableServerTransportProvider delegate;

  PinnedVersionsTransportProvider(McpStreamableServerTransportProvider delegate) {
    this.delegate = delegate;
  }

  @Override
  public void setSessionFactory(McpStreamableServerSession.Factory sessionFactory) {
    delegate.setSessionFactory(sessionFactory);
  }

  @Override
  public Mono<Void> notifyClients(String method, Object params) {
    return delegate.notifyClients(method, params);
  }

  @Override
  public Mono<Void> notifyClient(String sessionId, String method, Object params) {
    return delegate.notifyClient(sessionId, method, params);
  }

  @Override
  public Mono<Void> closeGracefully() {
    return delegate.closeGracefully();
  }

  @Override
  public List<String> protocolVersions() {
    return ProtocolVersions.SUPPORTED;
  }
}
