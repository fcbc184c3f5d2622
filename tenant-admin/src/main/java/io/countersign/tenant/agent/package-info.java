/** Agent API keys: issued once in plaintext, stored hashed, revoked by prefix. */
package io.countersign.tenant.agent;
