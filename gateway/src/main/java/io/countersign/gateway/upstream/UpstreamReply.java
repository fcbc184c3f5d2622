package io.countersign.gateway.upstream;

import jakarta.json.JsonObject;

/** What an upstream answered to one POSTed message. */
public sealed interface UpstreamReply {

  /** 202: the upstream accepted a notification or response. */
  record Accepted() implements UpstreamReply {}

  /** A single JSON-RPC message in an {@code application/json} body. */
  record Json(JsonObject message) implements UpstreamReply {}

  /** An SSE stream of JSON-RPC messages; the caller reads it and closes it. */
  record Stream(UpstreamStream stream) implements UpstreamReply {}

  record Failed(UpstreamFailure failure) implements UpstreamReply {}
}
