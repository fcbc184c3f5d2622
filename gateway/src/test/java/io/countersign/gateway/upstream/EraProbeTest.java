package io.countersign.gateway.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.countersign.gateway.upstream.UpstreamFailure.Kind;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** How the answer to a modern {@code server/discover} tells the upstream's era. */
class EraProbeTest {

  @Test
  void readWhenDiscoverResultNamesTheModernRevisionThenModern() {
    assertEra(
        UpstreamEra.MODERN,
        json(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"supportedVersions\":[\"2026-07-28\"],"
                + "\"capabilities\":{}}}"));
  }

  @Test
  void readWhenDiscoverResultNamesOnlySessionRevisionsThenLegacy() {
    assertEra(
        UpstreamEra.LEGACY,
        json("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"supportedVersions\":[\"2025-11-25\"]}}"));
  }

  @Test
  void readWhenUnsupportedVersionErrorNamesNothingInCommonThenUnspoken() {
    var finding =
        EraProbe.read(
            json(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32022,\"message\":\"no\","
                    + "\"data\":{\"supported\":[\"2027-01-01\"],\"requested\":\"2026-07-28\"}}}"));
    assertInstanceOf(EraProbe.Unspoken.class, finding);
  }

  @Test
  void readWhenARecognisedModernErrorThenModernRatherThanFallingBack() {
    assertEra(
        UpstreamEra.MODERN,
        json("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32020,\"message\":\"Header\"}}"));
    assertEra(
        UpstreamEra.MODERN,
        json(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32022,\"message\":\"no\","
                + "\"data\":{\"supported\":[\"2026-07-28\",\"2027-01-01\"]}}}"));
  }

  @Test
  void readWhenALegacyServerRefusesTheRequestThenLegacy() {
    // server-everything: 400 with "Bad Request: No valid session ID provided"
    assertEra(
        UpstreamEra.LEGACY,
        json(
            "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32000,"
                + "\"message\":\"Bad Request: No valid session ID provided\"}}"));
    // a sessionless legacy server: server/discover is an unknown method
    assertEra(
        UpstreamEra.LEGACY,
        json("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32601,\"message\":\"nope\"}}"));
    // a server that answers any method with a result that is no DiscoverResult
    assertEra(
        UpstreamEra.LEGACY, json("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[]}}"));
    // a 4xx without a JSON-RPC body, or garbage
    assertEra(UpstreamEra.LEGACY, failed(Kind.HTTP_STATUS));
    assertEra(UpstreamEra.LEGACY, failed(Kind.MALFORMED));
  }

  @Test
  void readWhenTheUpstreamCouldNotBeAskedThenNothingIsKnown() {
    for (Kind kind : new Kind[] {Kind.UNREACHABLE, Kind.TIMEOUT, Kind.FORBIDDEN_ADDRESS}) {
      assertInstanceOf(EraProbe.Unanswered.class, EraProbe.read(failed(kind)), kind.name());
    }
  }

  private static void assertEra(UpstreamEra era, UpstreamReply reply) {
    assertEquals(new EraProbe.Known(era), EraProbe.read(reply));
  }

  private static UpstreamReply json(String text) {
    JsonObject message = Json.createReader(new StringReader(text)).readObject();
    return new UpstreamReply.Json(message);
  }

  private static UpstreamReply failed(Kind kind) {
    return new UpstreamReply.Failed(new UpstreamFailure(kind, "test"));
  }
}
