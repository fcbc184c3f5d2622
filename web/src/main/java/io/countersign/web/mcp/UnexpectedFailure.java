package io.countersign.web.mcp;

import io.countersign.gateway.jsonrpc.JsonRpcError;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An exception the MCP endpoint did not expect: logged in full under a reference, answered with a
 * JSON-RPC error (HTTP 500) that names only the reference, so that neither a stack trace nor a
 * database message reaches the agent.
 */
final class UnexpectedFailure {

  private static final Logger LOG = Logger.getLogger(UnexpectedFailure.class.getName());

  private UnexpectedFailure() {}

  static void answer(RuntimeException failure, HttpServletResponse response) throws IOException {
    String reference = UUID.randomUUID().toString();
    LOG.log(Level.SEVERE, "unexpected error in the MCP endpoint, reference " + reference, failure);
    if (response.isCommitted()) {
      return;
    }
    response.reset();
    HttpRefusal.of(
            500,
            JsonRpcError.INTERNAL_ERROR,
            "Internal error: an unexpected error occurred (reference " + reference + ")")
        .writeTo(response);
  }
}
