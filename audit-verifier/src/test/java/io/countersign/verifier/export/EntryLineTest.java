package io.countersign.verifier.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.verifier.merkle.MerkleHash;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EntryLineTest {

  private static final byte[] EVENT = "{\"a\":\"x}\",\"b\":[1,2]}".getBytes(StandardCharsets.UTF_8);

  @Test
  void parseWhenEncodedThenSameIndexHashAndExactLeafBytes() {
    byte[] line = EntryLine.encode(42, EVENT);
    EntryLine.Parsed parsed = EntryLine.parse(line, line.length - 1);
    assertEquals(42, parsed.index());
    assertArrayEquals(MerkleHash.leafHash(EVENT), parsed.recordedLeafHash());
    assertArrayEquals(
        EVENT,
        Arrays.copyOfRange(line, parsed.leafOffset(), parsed.leafOffset() + parsed.leafLength()));
  }

  @Test
  void parseWhenElidedThenSameIndexAndHashAndNoLeafBytes() {
    byte[] hash = MerkleHash.leafHash(EVENT);
    byte[] line = EntryLine.encodeElided(7, hash);
    assertEquals(
        "{\"index\":7,\"leafHash\":\"" + Base64.getEncoder().encodeToString(hash) + "\"}\n",
        new String(line, StandardCharsets.US_ASCII));
    EntryLine.Parsed parsed = EntryLine.parse(line, line.length - 1);
    assertTrue(parsed.elided());
    assertEquals(7, parsed.index());
    assertArrayEquals(hash, parsed.recordedLeafHash());
    assertFalse(parsed(EntryLine.encode(7, EVENT)).elided());
  }

  @Test
  void encodeWhenLeafHasNewlineThenRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () -> EntryLine.encode(0, "{\"a\":\n1}".getBytes(StandardCharsets.UTF_8)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "{\"index\":1}",
        "{\"index\":01,\"leafHash\":\"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\",\"leaf\":{}}",
        "{\"index\":-1,\"leafHash\":\"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\",\"leaf\":{}}",
        "{\"index\":1, \"leafHash\":\"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\",\"leaf\":{}}",
        "{\"index\":1,\"leafHash\":\"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFV=\",\"leaf\":{}}",
        "{\"index\":1,\"leafHash\":\"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\",\"leaf\":}",
        "{\"index\":1,\"leafHash\":\"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\",\"leaf\":{} ",
        "{\"leafHash\":\"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\",\"index\":1,\"leaf\":{}}",
        "{\"index\":1,\"leafHash\":\"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\"",
        "{\"index\":1,\"leafHash\":\"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\"} ",
        "{\"index\":1,\"leafHash\":\"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\" }",
        "{\"index\":1,\"leafHash\":\"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\"}}",
        "{\"index\":1,\"leafHash\":\"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU\"}",
      })
  void parseWhenMalformedThenRejected(String line) {
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    assertThrows(IllegalArgumentException.class, () -> EntryLine.parse(bytes, bytes.length));
  }

  private static EntryLine.Parsed parsed(byte[] line) {
    return EntryLine.parse(line, line.length - 1);
  }
}
