package io.countersign.gateway.upstream;

/** Why an upstream exchange failed; {@code detail} is safe to show to the agent. */
public record UpstreamFailure(Kind kind, String detail) {

  public enum Kind {
    /** Connection refused, DNS failure, reset before any answer. */
    UNREACHABLE,
    /** No answer within the upstream's connect or read timeout. */
    TIMEOUT,
    /** The upstream no longer knows the session (HTTP 404): re-initialise and retry. */
    SESSION_EXPIRED,
    /** An HTTP status the protocol does not expect. */
    HTTP_STATUS,
    /** The answer is not a JSON-RPC message, or not the one expected. */
    MALFORMED,
    /** The upstream's address is not allowed (SSRF protection). */
    FORBIDDEN_ADDRESS
  }
}
