/** Secrets at rest: sealed upstream credentials, hashed agent API keys and member passwords. */
package io.countersign.tenant.secret;
