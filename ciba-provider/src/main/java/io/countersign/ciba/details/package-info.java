/**
 * The RAR ({@code authorization_details}, RFC 9396) type {@code mcp_tool_call}: the exact tool call
 * an approval is about, its published JSON Schema and the validator that mirrors it.
 */
package io.countersign.ciba.details;
