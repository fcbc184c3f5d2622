package io.countersign.tenant.secret;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {

  private final SecretBox box = SecretBox.withKey(SecretBox.newKey());

  @Test
  void openWhenSealedThenOriginalText() {
    String sealed = box.seal("{\"bearerToken\":\"tok-ü-123\"}");

    assertEquals("{\"bearerToken\":\"tok-ü-123\"}", box.open(sealed));
  }

  @Test
  void sealWhenSameTextTwiceThenDifferentOutputs() {
    assertNotEquals(box.seal("same"), box.seal("same"));
  }

  @Test
  void sealWhenCalledThenVersionByteNonceAndTagInBase64Url() {
    byte[] sealed = Base64.getUrlDecoder().decode(box.seal("abc"));

    assertEquals(1, sealed[0]);
    assertEquals(1 + 12 + 3 + 16, sealed.length);
  }

  @Test
  void openWhenOneBitFlippedThenRefused() {
    byte[] sealed = Base64.getUrlDecoder().decode(box.seal("secret"));
    sealed[sealed.length - 5] ^= 1;
    String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);

    assertThrows(UnreadableSecretException.class, () -> box.open(tampered));
  }

  @Test
  void openWhenSealedUnderAnotherKeyThenRefused() {
    String sealed = SecretBox.withKey(SecretBox.newKey()).seal("secret");

    assertThrows(UnreadableSecretException.class, () -> box.open(sealed));
  }

  @Test
  void sealAndOpenWhenInterleavedOnOneThreadWithRefusalsAndOtherKeysThenEachStillRight() {
    var other = SecretBox.withKey(SecretBox.newKey());
    for (int i = 0; i < 20; i++) {
      String mine = box.seal("mine " + i);
      String theirs = other.seal("theirs " + i);
      String sealedMine = mine;
      assertThrows(UnreadableSecretException.class, () -> other.open(sealedMine));
      assertEquals("theirs " + i, other.open(theirs));
      assertEquals("mine " + i, box.open(mine));
    }
  }

  @Test
  void openWhenTruncatedOrNotBase64ThenRefused() {
    assertThrows(UnreadableSecretException.class, () -> box.open("AQID"));
    assertThrows(UnreadableSecretException.class, () -> box.open("not base64!"));
  }

  @Test
  void withKeyWhenNot32BytesThenIllegalArgument() {
    assertThrows(IllegalArgumentException.class, () -> SecretBox.withKey(new byte[16]));
  }

  @Test
  void toStringWhenCalledThenKeyHidden() {
    assertEquals("SecretBox[key hidden]", box.toString());
  }

  @Test
  void readOrCreateWhenNoFileThenCreatesOwnerOnlyFileAndReusesIt(@TempDir Path dir)
      throws IOException {
    Path path = dir.resolve("data").resolve("secrets.key");
    SecretKeyFile file = new SecretKeyFile(path);

    byte[] first = file.readOrCreate();
    byte[] second = new SecretKeyFile(path).readOrCreate();

    assertEquals(32, first.length);
    assertArrayEquals(first, second);
    if (Files.getFileStore(path).supportsFileAttributeView("posix")) {
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
    }
    try (var leftovers = Files.list(path.getParent())) {
      assertFalse(leftovers.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")));
    }
  }

  @Test
  void readOrCreateWhenFileHoldsShortKeyThenExplainsWithoutEchoingIt(@TempDir Path dir)
      throws IOException {
    Path path = dir.resolve("secrets.key");
    Files.writeString(path, Base64.getEncoder().encodeToString(new byte[] {1, 2, 3}));

    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> new SecretKeyFile(path).readOrCreate());

    assertTrue(e.getMessage().contains("must decode to 32 bytes, got 3"), e.getMessage());
    assertFalse(e.getMessage().contains("AQID"), e.getMessage());
  }
}
