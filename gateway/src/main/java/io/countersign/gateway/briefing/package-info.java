/**
 * What the approvers of a held call read besides the call itself: the plain-language summary
 * (rendered from the policy's template, else a fallback) and the triggers that explain the hold.
 * Both are plain text built partly from the agent's arguments: never markup.
 */
package io.countersign.gateway.briefing;
