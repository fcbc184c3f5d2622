/**
 * Approvers' enrolled devices: each a passkey (a WebAuthn credential) and, for push, an FCM
 * registration token. Decisions made on a device carry its assertion; a revoked device signs in,
 * decides and receives nothing any more.
 */
package io.countersign.ciba.device;
