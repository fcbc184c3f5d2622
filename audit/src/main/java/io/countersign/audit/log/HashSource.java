package io.countersign.audit.log;

/** Where a log's hashes come from: the database in the server, a list in tests. */
interface HashSource {

  /**
   * The hash of the complete subtree over leaves {@code [start, start + size)}; {@code size} is a
   * power of two and {@code start} a multiple of it.
   */
  byte[] perfectSubtree(long start, long size);
}
