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
import java.util.function.Function;

/**
 * Relays an upstream's SSE answer to a request, event by event (progress notifications included),
 * until the response to that request has passed. Requests the upstream sends the client on the way
 * (elicitation, sampling, roots) get an id of the gateway's ({@link ServerRequests}); all else
 * passes unchanged. The relay function decides per event ({@link Step}): pass it on, drop it, or
 * end the client's stream with a last message while the upstream's stream is handed on still open
 * (a 2026-07-28 client's input-required result, {@link InputBridge}). If the upstream stalls or
 * breaks first, the client gets a JSON-RPC error for its request instead of a hung stream.
 */
public final class RelayedStream {

  /** How the relay ended, for the audit outcome. */
  public enum Ending {
    RESPONDED,
    UPSTREAM_TIMEOUT,
    UPSTREAM_BROKE,
    CLIENT_GONE,
    /** The client's stream ended with an input-required result; the upstream's stream lives on. */
    HANDED_ON
  }

  /** What becomes of one upstream event on its way to the client. */
  public sealed interface Step {
    /** Write this data to the client. */
    record Pass(String data) implements Step {}

    /** Write nothing. */
    record Drop() implements Step {}

    /**
     * Write this data as the client's last message and stop reading: whoever answered this owns the
     * upstream's stream from now on.
     */
    record HandOn(String data) implements Step {}
  }

  private final UpstreamStream upstream;
  private final JsonValue requestId;
  private final Duration idle;
  private final String upstreamName;
  private final Consumer<Relayed> onEnd;
  private final Function<String, Step> relay;

  /** The final response (absent when the relay did not reach one) and how the relay ended. */
  public record Relayed(Ending ending, jakarta.json.JsonObject response) {}

  RelayedStream(
      UpstreamStream upstream,
      JsonValue requestId,
      Duration idle,
      String upstreamName,
      Function<String, Step> relay,
      Consumer<Relayed> onEnd) {
    this.upstream = upstream;
    this.relay = relay;
    this.requestId = requestId;
    this.idle = idle;
    this.upstreamName = upstreamName;
    this.onEnd = onEnd;
  }

  /** Where the relay writes each message's data: the client's stream. */
  @FunctionalInterface
  public interface MessageSink {
    void send(String data) throws IOException;
  }

  /** Writes the stream to the client; returns when the response has been written. */
  public void writeTo(OutputStream out) throws IOException {
    writeTo(data -> write(out, data));
  }

  /**
   * Writes the stream's messages to {@code sink}; returns when the response has been written. A
   * sink that never fails (a resumable stream, which keeps what it could not deliver) keeps the
   * relay going after the client's connection dropped.
   */
  public void writeTo(MessageSink out) throws IOException {
    boolean handedOn = false;
    try {
      while (true) {
        Next next = upstream.next(idle);
        if (next instanceof Event event) {
          if (!event.event().carriesMessage()) {
            continue;
          }
          Step step = relay.apply(event.event().data());
          if (step instanceof Step.HandOn last) {
            handedOn = true;
            out.send(last.data());
            onEnd.accept(new Relayed(Ending.HANDED_ON, null));
            return;
          }
          if (step instanceof Step.Pass pass) {
            out.send(pass.data());
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
        out.send(error.toResponse(requestId).toString());
        onEnd.accept(new Relayed(timedOut ? Ending.UPSTREAM_TIMEOUT : Ending.UPSTREAM_BROKE, null));
        return;
      }
    } catch (IOException e) {
      if (!handedOn) {
        onEnd.accept(new Relayed(Ending.CLIENT_GONE, null));
      }
      throw e;
    } finally {
      if (!handedOn) {
        upstream.close();
      }
    }
  }

  private static void write(OutputStream out, String data) throws IOException {
    out.write(frame(data).getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** One message as an SSE event without an id. */
  public static String frame(String data) {
    StringBuilder frame = new StringBuilder("event: message\n");
    for (String line : data.split("\n", -1)) {
      frame.append("data: ").append(line).append('\n');
    }
    return frame.append('\n').toString();
  }
}
