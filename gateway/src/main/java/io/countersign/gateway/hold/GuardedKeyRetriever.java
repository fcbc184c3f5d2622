package io.countersign.gateway.hold;

import com.nimbusds.jose.util.DefaultResourceRetriever;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URISyntaxException;
import java.net.URL;

/**
 * Fetches an external provider's JWK set the way {@link ProviderAddresses} allows: the address
 * checked right before each connection, and redirects not followed (a redirect could point
 * anywhere).
 */
final class GuardedKeyRetriever extends DefaultResourceRetriever {

  private static final int CONNECT_TIMEOUT_MS = 5_000;
  private static final int READ_TIMEOUT_MS = 10_000;
  private static final int SIZE_LIMIT = 256 * 1024;

  private final ProviderAddresses addresses;

  GuardedKeyRetriever(ProviderAddresses addresses) {
    super(CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS, SIZE_LIMIT);
    this.addresses = addresses;
  }

  @Override
  protected HttpURLConnection openHTTPConnection(URL url) throws IOException {
    try {
      addresses.check(url.toURI(), "jwks_uri");
    } catch (ApprovalUnavailable | URISyntaxException e) {
      throw new IOException(e.getMessage(), e);
    }
    HttpURLConnection connection = super.openHTTPConnection(url);
    connection.setInstanceFollowRedirects(false);
    return connection;
  }
}
