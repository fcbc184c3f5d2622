/** Platform concerns: schema migration at start-up, health checks, outbound address checks. */
package io.countersign.web.platform;
