/**
 * The domain core of Countersign's OpenID CIBA provider with N-of-M quorum: {@link
 * io.countersign.ciba.AuthReqId} here, the approval aggregate, quorum rules, the {@code
 * mcp_tool_call} authorization details and binding messages in the sub-packages. Plain Java: no
 * persistence, no HTTP.
 */
package io.countersign.ciba;
