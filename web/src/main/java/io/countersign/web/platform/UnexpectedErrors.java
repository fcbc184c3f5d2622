package io.countersign.web.platform;

import io.countersign.web.admin.Problems;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An exception no resource expected: logged in full under a reference, answered with a problem
 * document that names only the reference. Without this, the runtime builds its error answer from
 * the exception's message, which may span lines (SQL errors do) and is then refused as a header
 * value, so the client got a bare error page and the cause was never logged.
 */
@Provider
public class UnexpectedErrors implements ExceptionMapper<RuntimeException> {

  private static final Logger LOG = Logger.getLogger(UnexpectedErrors.class.getName());

  @Override
  public Response toResponse(RuntimeException exception) {
    if (exception instanceof WebApplicationException expected) {
      return expected.getResponse();
    }
    String reference = UUID.randomUUID().toString();
    LOG.log(Level.SEVERE, "unexpected error, reference " + reference, exception);
    return Problems.problem(
        500, "Internal error", "An unexpected error occurred (reference " + reference + ").");
  }
}
