package io.countersign.verifier.export;

/**
 * The files of an export directory. See docs/audit-verifier.md for the format, which the log's
 * exporter and this verifier share.
 */
public final class ExportLayout {

  /** One line per entry, in index order, starting at 0: see {@link EntryLine}. */
  public static final String ENTRIES = "entries.jsonl";

  /** The log's signed checkpoints, oldest first, separated by one blank line. */
  public static final String CHECKPOINTS = "checkpoints.txt";

  /** The verifier keys the log publishes, one per line: to compare out of band, never trusted. */
  public static final String KEYS = "keys.txt";

  private ExportLayout() {}
}
