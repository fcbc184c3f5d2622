package io.countersign.tenant.secret;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Optional;

/**
 * A secrets key kept in a local file, for development and demos: created once with owner-only
 * permissions where the file system has them, then reused, so sealed credentials survive restarts.
 */
public final class SecretKeyFile {

  private final Path path;

  public SecretKeyFile(Path path) {
    this.path = path;
  }

  /**
   * The default location: {@code ${server.output.dir}/data/secrets.key} when Liberty sets {@code
   * server.output.dir}, else {@code ./data/secrets.key}.
   */
  public static Path defaultPath() {
    return Optional.ofNullable(System.getProperty("server.output.dir"))
        .map(dir -> Path.of(dir, "data", "secrets.key"))
        .orElse(Path.of("data", "secrets.key"));
  }

  public Path path() {
    return path;
  }

  /** Reads the key, creating the file with a fresh random key first when it does not exist. */
  public byte[] readOrCreate() {
    if (!Files.exists(path)) {
      try {
        create();
      } catch (FileAlreadyExistsException raced) {
        // another node or thread created it first: use theirs
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create secrets key file " + path, e);
      }
    }
    return read();
  }

  private void create() throws IOException {
    Path parent = path.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path draft = ownerOnlyTempFile(parent);
    try {
      // written as base64 text, like the environment variable
      Files.write(draft, Base64.getEncoder().encode(SecretBox.newKey()));
      publish(draft);
    } finally {
      Files.deleteIfExists(draft);
    }
  }

  private static Path ownerOnlyTempFile(Path dir) throws IOException {
    if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      FileAttribute<?> ownerOnly =
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
      return Files.createTempFile(dir, ".secrets", ".tmp", ownerOnly);
    }
    return Files.createTempFile(dir, ".secrets", ".tmp");
  }

  /** Moves the complete key file in place, never replacing one that appeared meanwhile. */
  private void publish(Path draft) throws IOException {
    try {
      Files.createLink(path, draft); // atomic and fails when the file exists
    } catch (UnsupportedOperationException | java.nio.file.FileSystemException noLinks) {
      if (noLinks instanceof FileAlreadyExistsException exists) {
        throw exists;
      }
      Files.move(draft, path);
    }
  }

  private byte[] read() {
    try {
      String text = Files.readString(path, StandardCharsets.US_ASCII).trim();
      return SecretKeys.decode(text, "secrets key file " + path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read secrets key file " + path, e);
    }
  }
}
