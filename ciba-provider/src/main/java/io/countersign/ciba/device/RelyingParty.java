package io.countersign.ciba.device;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * The WebAuthn relying party the approver app is: its id (the host name passkeys are bound to) and
 * the one origin the app is served from. Assertions made for any other origin or id are refused.
 *
 * @param id the RP ID, a host name such as {@code approvals.acme.example} or {@code localhost}
 * @param origin the app's origin, e.g. {@code https://approvals.acme.example}
 */
public record RelyingParty(String id, String origin) {

  public RelyingParty {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(origin, "origin");
  }

  /** The relying party of an app served at {@code origin}: its host is the RP ID. */
  public static RelyingParty at(String origin) {
    URI uri = URI.create(origin);
    if (uri.getScheme() == null || uri.getHost() == null) {
      throw new IllegalArgumentException("not an origin: " + origin);
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    boolean defaultPort =
        uri.getPort() == -1
            || (scheme.equals("https") && uri.getPort() == 443)
            || (scheme.equals("http") && uri.getPort() == 80);
    return new RelyingParty(host, scheme + "://" + host + (defaultPort ? "" : ":" + uri.getPort()));
  }
}
