/** Integration tests against the real Open Liberty server, on PostgreSQL and on H2. */
package io.countersign.it;
