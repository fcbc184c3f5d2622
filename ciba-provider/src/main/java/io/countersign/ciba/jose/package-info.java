/**
 * The provider's JOSE work: its signing keys and their rotation, the tokens it mints (RFC 9068
 * access tokens, OpenID ID tokens) and the JWTs it verifies (its own access tokens, CIBA signed
 * authentication requests, {@code private_key_jwt} client assertions). Plain Java, no clock reads:
 * every time-dependent method takes {@code Instant now}.
 */
package io.countersign.ciba.jose;
