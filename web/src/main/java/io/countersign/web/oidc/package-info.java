/**
 * The HTTP face of each tenant's OpenID CIBA provider under {@code /t/{tenant}}: discovery, JWKS,
 * the backchannel authentication and token endpoints; and the approvers' decision API.
 */
package io.countersign.web.oidc;
