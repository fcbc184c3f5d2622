package io.countersign.verifier.note;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VerifierKeyTest {

  @Test
  void keyIdWhenComputedThenFirstFourBytesOfSha256OfNameNewlineTypeAndKey() throws Exception {
    KeyPair pair = Ed25519Keys.generate();
    byte[] raw = Ed25519Keys.rawPublicKey(pair.getPublic());
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    sha256.update("audit.example.com/acme\n".getBytes(StandardCharsets.UTF_8));
    sha256.update((byte) 0x01);
    byte[] hash = sha256.digest(raw);
    int expected = java.nio.ByteBuffer.wrap(hash, 0, 4).getInt();
    assertEquals(expected, VerifierKey.keyId("audit.example.com/acme", raw));
  }

  @Test
  void parseWhenEncodedThenSameKey() {
    VerifierKey key =
        VerifierKey.ed25519("audit.example.com/acme", Ed25519Keys.generate().getPublic());
    assertEquals(key, VerifierKey.parse(key.encoded()));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "PeterNeumann",
        "PeterNeumann+c74f20a3",
        "PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        "PeterNeumann+C74F20A3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        "PeterNeumann+c74f20+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        "PeterNeumanN+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        "+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        "Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10T",
        "PeterNeumann+c74f20a3+Apc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWAA==",
      })
  void parseWhenMangledThenRejected(String encoded) {
    assertThrows(IllegalArgumentException.class, () -> VerifierKey.parse(encoded));
  }
}
