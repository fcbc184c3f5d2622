package io.countersign.verifier.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The verifier's arguments, parsed strictly: unknown or repeated options are usage errors. */
record CommandLine(
    Path export,
    List<String> keys,
    Optional<String> origin,
    Optional<Path> previous,
    Optional<Path> saveCheckpoint,
    boolean help) {

  static final String USAGE =
      String.join(
          "\n",
          "usage: java -jar countersign-audit-verifier.jar --export DIR|ZIP --key VERIFIER_KEY",
          "           [--key ...] [--origin ORIGIN] [--previous CHECKPOINT_FILE]",
          "           [--save-checkpoint FILE]",
          "",
          "  --export DIR|ZIP        the export: a directory or a .zip file holding",
          "                          entries.jsonl, checkpoints.txt, keys.txt",
          "  --key KEY               a pinned verifier key, <name>+<hex id>+<base64 key>;",
          "                          repeat it during a key rotation",
          "  --origin ORIGIN         the log you expect, e.g. audit.example.com/acme",
          "  --previous FILE         the signed checkpoint you kept from your last run",
          "  --save-checkpoint FILE  on PASS, write the latest signed checkpoint there",
          "",
          "exit status: 0 PASS, 1 FAIL, 2 usage error");

  /** Parses {@code args}; throws {@link IllegalArgumentException} with the problem. */
  static CommandLine parse(String[] args) {
    Path export = null;
    List<String> keys = new ArrayList<>();
    Optional<String> origin = Optional.empty();
    Optional<Path> previous = Optional.empty();
    Optional<Path> save = Optional.empty();
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (option.equals("--help") || option.equals("-h")) {
        return new CommandLine(Path.of("."), List.of(), origin, previous, save, true);
      }
      if (i + 1 == args.length) {
        throw new IllegalArgumentException("missing value after " + option);
      }
      String value = args[++i];
      switch (option) {
        case "--export" -> export = once(export == null, option, Path.of(value));
        case "--key" -> keys.add(value);
        case "--origin" -> origin = Optional.of(once(origin.isEmpty(), option, value));
        case "--previous" ->
            previous = Optional.of(once(previous.isEmpty(), option, Path.of(value)));
        case "--save-checkpoint" ->
            save = Optional.of(once(save.isEmpty(), option, Path.of(value)));
        default -> throw new IllegalArgumentException("unknown option " + option);
      }
    }
    if (export == null) {
      throw new IllegalArgumentException("--export DIR|ZIP is required");
    }
    if (keys.isEmpty()) {
      throw new IllegalArgumentException(
          "pin at least one --key (the log's published keys are in keys.txt: check them out of"
              + " band before pinning)");
    }
    return new CommandLine(export, List.copyOf(keys), origin, previous, save, false);
  }

  private static <T> T once(boolean first, String option, T value) {
    if (!first) {
      throw new IllegalArgumentException(option + " given twice");
    }
    return value;
  }
}
