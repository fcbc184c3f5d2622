package io.countersign.demo.sandbox;

import io.countersign.demo.tool.InvalidArgumentException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * A folder whose text files may be read, and nothing outside it: no absolute paths, no {@code ..}
 * segments, and no symbolic link that resolves outside the folder.
 */
public class Sandbox {

  static final int MAX_BYTES = 64 * 1024;

  private static final Pattern SEPARATORS = Pattern.compile("[/\\\\]");
  private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");

  private final Path root;

  public Sandbox(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  /** Reads the UTF-8 text file at {@code relativePath}. */
  public SandboxFile read(String relativePath) {
    Path file = resolve(relativePath);
    try {
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        throw new InvalidArgumentException(
            "'" + relativePath + "' is " + size + " bytes; read_file reads at most " + MAX_BYTES);
      }
      byte[] bytes = Files.readAllBytes(file);
      return new SandboxFile(display(file), bytes.length, decode(relativePath, bytes));
    } catch (IOException e) {
      throw new UncheckedIOException("Reading a sandbox file failed", e);
    }
  }

  /**
   * The real path of an existing regular file inside the sandbox.
   *
   * @throws InvalidArgumentException for a path that is absolute, climbs out, escapes through a
   *     symbolic link, does not exist or is not a regular file
   */
  public Path resolve(String relativePath) {
    Path candidate = lexicallyInside(relativePath);
    Path real;
    try {
      real = candidate.toRealPath();
    } catch (NoSuchFileException e) {
      throw new InvalidArgumentException("No such file in the sandbox: '" + relativePath + "'");
    } catch (IOException e) {
      throw new UncheckedIOException("Resolving a sandbox path failed", e);
    }
    if (!real.startsWith(realRoot())) {
      throw new InvalidArgumentException(
          "'" + relativePath + "' leads outside the sandbox (through a symbolic link)");
    }
    if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
      throw new InvalidArgumentException("'" + relativePath + "' is not a regular file");
    }
    return real;
  }

  private Path lexicallyInside(String relativePath) {
    if (relativePath.isBlank()) {
      throw new InvalidArgumentException("'path' must not be empty");
    }
    if (relativePath.startsWith("/")
        || relativePath.startsWith("\\")
        || DRIVE.matcher(relativePath).matches()) {
      throw new InvalidArgumentException(
          "'path' must be relative to the sandbox folder, got '" + relativePath + "'");
    }
    for (String segment : SEPARATORS.split(relativePath)) {
      if (segment.equals("..")) {
        throw new InvalidArgumentException(
            "'path' must not contain '..', got '" + relativePath + "'");
      }
    }
    Path candidate;
    try {
      candidate = root.resolve(relativePath).normalize();
    } catch (InvalidPathException e) {
      throw new InvalidArgumentException("'path' is not a valid file path: " + e.getReason());
    }
    if (candidate.isAbsolute() && !candidate.startsWith(root)) {
      throw new InvalidArgumentException(
          "'path' must be relative to the sandbox folder, got '" + relativePath + "'");
    }
    return candidate;
  }

  private Path realRoot() {
    try {
      return root.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException("The sandbox folder " + root + " is missing", e);
    }
  }

  private String display(Path realFile) {
    return realRoot().relativize(realFile).toString().replace('\\', '/');
  }

  private static String decode(String relativePath, byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new InvalidArgumentException("'" + relativePath + "' is not a UTF-8 text file");
    }
  }
}
