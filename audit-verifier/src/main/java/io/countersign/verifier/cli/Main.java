package io.countersign.verifier.cli;

import io.countersign.verifier.export.AuditResult;
import io.countersign.verifier.export.ExportVerifier;
import io.countersign.verifier.note.NoteVerifier;
import io.countersign.verifier.note.VerifierKey;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Verifies an audit export offline and prints PASS or FAIL; the exit status says the same. */
public final class Main {

  static final int PASS = 0;
  static final int FAIL = 1;
  static final int USAGE = 2;

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the verifier; returns the exit status. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    CommandLine command;
    NoteVerifier keys;
    Optional<String> previous;
    try {
      command = CommandLine.parse(args);
      if (command.help()) {
        out.println(CommandLine.USAGE);
        return PASS;
      }
      keys = new NoteVerifier(parseKeys(command.keys()));
      previous = readPrevious(command.previous());
      checkExport(command.export());
    } catch (IllegalArgumentException e) {
      err.println("usage error: " + e.getMessage());
      err.println(CommandLine.USAGE);
      return USAGE;
    }
    AuditResult result =
        new ExportVerifier(keys, command.origin()).verify(command.export(), previous);
    if (result instanceof AuditResult.Pass pass) {
      return report(pass, command.saveCheckpoint(), out);
    }
    AuditResult.Fail fail = (AuditResult.Fail) result;
    out.println("FAIL: " + fail.reason());
    fail.firstBrokenEntry().ifPresent(index -> out.println("first broken entry: " + index));
    return FAIL;
  }

  private static int report(AuditResult.Pass pass, Optional<Path> save, PrintStream out) {
    out.println(
        "PASS: "
            + pass.latest().origin()
            + ", tree size "
            + pass.latest().size()
            + ", root "
            + pass.latest().rootHashBase64());
    pass.details().forEach(detail -> out.println("  " + detail));
    if (save.isPresent()) {
      try {
        writeAtomically(save.get(), pass.latestNote().format());
        out.println("  saved the latest checkpoint to " + save.get());
      } catch (IOException e) {
        out.println("FAIL: the export verified, but the checkpoint could not be saved: " + e);
        return FAIL;
      }
    }
    return PASS;
  }

  private static void checkExport(Path export) {
    String name = export.getFileName() == null ? "" : export.getFileName().toString();
    boolean zip = Files.isRegularFile(export) && name.toLowerCase(Locale.ROOT).endsWith(".zip");
    if (!zip && !Files.isDirectory(export)) {
      throw new IllegalArgumentException(
          "--export " + export + " is neither a directory nor a .zip file");
    }
  }

  private static List<VerifierKey> parseKeys(List<String> encoded) {
    List<VerifierKey> keys = new ArrayList<>();
    for (String key : encoded) {
      try {
        keys.add(VerifierKey.parse(key));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--key " + key + ": " + e.getMessage(), e);
      }
    }
    return keys;
  }

  private static Optional<String> readPrevious(Optional<Path> file) {
    if (file.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readString(file.get(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read --previous " + file.get() + ": " + e, e);
    }
  }

  private static void writeAtomically(Path target, String content) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path temporary = Files.createTempFile(absolute.getParent(), ".checkpoint", ".tmp");
    Files.writeString(temporary, content, StandardCharsets.UTF_8);
    Files.move(
        temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
