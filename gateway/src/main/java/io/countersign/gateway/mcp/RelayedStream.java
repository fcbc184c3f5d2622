package io.countersign.gateway.mcp;

import io.countersign.gateway.upstream.UpstreamStream;
import io.countersign.gateway.upstream.UpstreamStream.End;
import io.countersign.gateway.upstream.UpstreamStream.Event;
import io.countersign.gateway.upstream.UpstreamStream.IdleTimeout;
import io.countersign.gateway.upstream.UpstreamStream.Next;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Relays an upstream's SSE answer to a request, event by event (progress notifications included),
 * until the response to that request has passed. Requests the upstream sends the client on the way
 * (elicitation, sampling, roots) get an id of the gateway's ({@link ServerRequests}); all else
 * passes unchanged. The relay function may also drop an event (it answers {@code null}). If the
 * upstream stalls or breaks first, the client gets a JSON-RPC error for its request instead of a
 * hung stream.
 */
public final class RelayedStream {

  /** How the relay ended, for the audit outcome. */
  public enum Ending {
    RESPONDED,
    UPSTREAM_TIMEOUT,
    UPSTREAM_BROKE,
    CLIENT_GONE
  }

  private final UpstreamStream upstream;
  private final JsonValue requestId;
  private final Duration idle;
  private final String upstreamName;
  private final Consumer<Relayed> onEnd;
  private final UnaryOperator<String> relay;

  /** The final response (absent when the relay did not reach one) and how the relay ended. */
  public record Relayed(Ending ending, jakarta.json.JsonObject response) {}

  RelayedStream(
      UpstreamStream upstream,
      JsonValue requestId,
      Duration idle,
      String upstreamName,
      UnaryOperator<String> relay,
      Consumer<Relayed> onEnd) {
    this.upstream = upstream;
    this.relay = relay;
    this.requestId = requestId;
    this.idle = idle;
    this.upstreamName = upstreamName;
    this.onEnd = onEnd;
  }

  /** Writes the stream to the client; returns when the response has been written. */
  public void writeTo(OutputStream out) throws IOException {
    try (upstream) {
      while (true) {
        Next next = upstream.next(idle);
        if (next instanceof Event event) {
          if (!event.event().carriesMessage()) {
            continue;
          }
          String relayed = relay.apply(event.event().data());
          if (relayed != null) {
            write(out, relayed);
          }
          var message = UpstreamMessagesView.responseTo(event.event().data(), requestId);
          if (message.isPresent()) {
            onEnd.accept(new Relayed(Ending.RESPONDED, message.get()));
            return;
          }
          continue;
        }
        boolean timedOut = next instanceof IdleTimeout;
        String why =
            timedOut
                ? "upstream '" + upstreamName + "' sent nothing for " + idle.toMillis() + " ms"
                : "upstream '"
                    + upstreamName
                    + "' closed the stream ("
                    + ((End) next).reason()
                    + ")";
        var error =
            new io.countersign.gateway.jsonrpc.JsonRpcError(
                io.countersign.gateway.jsonrpc.JsonRpcError.UPSTREAM_ERROR, why);
        write(out, error.toResponse(requestId).toString());
        onEnd.accept(new Relayed(timedOut ? Ending.UPSTREAM_TIMEOUT : Ending.UPSTREAM_BROKE, null));
        return;
      }
    } catch (IOException e) {
      onEnd.accept(new Relayed(Ending.CLIENT_GONE, null));
      throw e;
    }
  }

  private static void write(OutputStream out, String data) throws IOException {
    StringBuilder frame = new StringBuilder("event: message\n");
    for (String line : data.split("\n", -1)) {
      frame.append("data: ").append(line).append('\n');
    }
    frame.append('\n');
    out.write(frame.toString().getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
