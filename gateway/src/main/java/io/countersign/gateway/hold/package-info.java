/**
 * Held calls: a tool call a policy rule held, asked of the approvers over CIBA, and forwarded once
 * when approved; its rows, its CIBA client and the agents waiting for it.
 */
package io.countersign.gateway.hold;
