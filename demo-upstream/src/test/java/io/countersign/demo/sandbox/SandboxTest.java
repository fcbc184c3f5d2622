package io.countersign.demo.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.demo.tool.InvalidArgumentException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SandboxTest {

  @TempDir Path temp;
  private Path root;
  private Sandbox sandbox;

  @BeforeEach
  void seed() throws IOException {
    root = temp.resolve("sandbox");
    SandboxSeeder.seed(root);
    Files.writeString(temp.resolve("secret.txt"), "outside");
    sandbox = new Sandbox(root);
  }

  private String refusal(String path) {
    return assertThrows(InvalidArgumentException.class, () -> sandbox.read(path)).getMessage();
  }

  @Test
  void readWhenSeededFileThenItsContent() {
    SandboxFile file = sandbox.read("notes/release-checklist.md");

    assertEquals("notes/release-checklist.md", file.path());
    assertTrue(file.content().startsWith("# Release checklist"));
    assertEquals(
        file.content().getBytes(java.nio.charset.StandardCharsets.UTF_8).length, file.size());
  }

  @Test
  void readWhenHarmlessDotSegmentsThenNormalised() {
    assertEquals(
        "notes/release-checklist.md", sandbox.read("./notes/./release-checklist.md").path());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"../secret.txt", "notes/../../secret.txt", "..", "notes\\..\\..\\secret.txt"})
  void readWhenPathClimbsOutThenRefused(String path) {
    assertTrue(refusal(path).startsWith("'path' must not contain '..'"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/etc/passwd", "\\\\server\\share\\x", "C:\\Windows\\win.ini", "c:/x"})
  void readWhenPathIsAbsoluteThenRefused(String path) {
    assertTrue(refusal(path).startsWith("'path' must be relative to the sandbox folder"));
  }

  @Test
  void readWhenAbsolutePathInsideSandboxThenStillRefused() {
    assertTrue(
        refusal(root.resolve("README.txt").toString()).startsWith("'path' must be relative"));
  }

  @Test
  void readWhenSymbolicLinkLeadsOutsideThenRefused() throws IOException {
    Files.createSymbolicLink(root.resolve("escape.txt"), temp.resolve("secret.txt"));
    Files.createSymbolicLink(root.resolve("up"), temp);

    assertEquals(
        "'escape.txt' leads outside the sandbox (through a symbolic link)", refusal("escape.txt"));
    assertEquals(
        "'up/secret.txt' leads outside the sandbox (through a symbolic link)",
        refusal("up/secret.txt"));
  }

  @Test
  void readWhenSymbolicLinkStaysInsideThenAllowed() throws IOException {
    Files.createSymbolicLink(root.resolve("latest.csv"), root.resolve("reports/q1-summary.csv"));

    assertEquals("reports/q1-summary.csv", sandbox.read("latest.csv").path());
  }

  @Test
  void readWhenMissingDirectoryOrEmptyThenRefused() {
    assertEquals("No such file in the sandbox: 'nope.txt'", refusal("nope.txt"));
    assertEquals("'notes' is not a regular file", refusal("notes"));
    assertEquals("'path' must not be empty", refusal(" "));
  }

  @Test
  void readWhenNotUtf8OrTooLargeThenRefused() throws IOException {
    Files.write(root.resolve("image.bin"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
    Files.write(root.resolve("big.txt"), new byte[Sandbox.MAX_BYTES + 1]);

    assertEquals("'image.bin' is not a UTF-8 text file", refusal("image.bin"));
    assertTrue(refusal("big.txt").startsWith("'big.txt' is 65537 bytes"));
  }

  @Test
  void seedWhenFileWasChangedThenItIsKept() throws IOException {
    Files.writeString(root.resolve("README.txt"), "mine");

    SandboxSeeder.seed(root);

    assertEquals("mine", Files.readString(root.resolve("README.txt")));
  }
}
