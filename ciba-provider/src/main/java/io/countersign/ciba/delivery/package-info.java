/**
 * Delivery of CIBA ping and push callbacks (CIBA Core 1.0, sections 10.2, 10.3 and 12) to a
 * client's {@code backchannel_client_notification_endpoint}, behind the outbound SSRF policy, with
 * a retry schedule. Plain Java: time is passed in, nothing here reads a clock.
 */
package io.countersign.ciba.delivery;
