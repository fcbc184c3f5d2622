package io.countersign.gateway.jsonrpc;

import jakarta.json.JsonValue;

/** What one HTTP body is: a JSON-RPC message, or malformed with the error to answer. */
public sealed interface ParseResult permits JsonRpcMessage, ParseResult.Malformed {

  /** Why a body is not a valid message: the JSON-RPC error to answer with. */
  record Malformed(JsonValue id, JsonRpcError error) implements ParseResult {}
}
