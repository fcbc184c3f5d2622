package io.countersign.verifier.export;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which entries an export holds in full and which it elides to their recorded hash: the counts for
 * the PASS report, and the elided entries below each checkpoint size, to explain a FAIL in a range.
 */
final class EntryCounts {

  private final Set<Long> sizesOfInterest;
  private final Map<Long, Long> elidedBelow = new HashMap<>();
  private long full;
  private long elided;
  private long fullRuns;
  private long firstFull;
  private long lastFull;

  /** {@code sizesOfInterest}: the tree sizes {@link #elidedBetween} may be asked about. */
  EntryCounts(Set<Long> sizesOfInterest) {
    this.sizesOfInterest = Set.copyOf(sizesOfInterest);
  }

  /** Counts entry {@code index}, the next one in order. */
  void add(long index, boolean isElided) {
    if (isElided) {
      elided++;
    } else {
      if (full == 0 || lastFull != index - 1) {
        fullRuns++;
      }
      firstFull = full == 0 ? index : firstFull;
      lastFull = index;
      full++;
    }
    if (sizesOfInterest.contains(index + 1)) {
      elidedBelow.put(index + 1, elided);
    }
  }

  long full() {
    return full;
  }

  long elided() {
    return elided;
  }

  /** Elided entries among {@code [from, to)}; both 0 or sizes of interest counted so far. */
  long elidedBetween(long from, long to) {
    return elidedBelow.getOrDefault(to, 0L) - elidedBelow.getOrDefault(from, 0L);
  }

  /** Where the entries in full are, e.g. "entries 1000 to 2199". */
  String fullRange() {
    if (full == 0) {
      return "none";
    }
    if (fullRuns > 1) {
      return fullRuns + " separate runs of entries between " + firstFull + " and " + lastFull;
    }
    return firstFull == lastFull
        ? "entry " + firstFull
        : "entries " + firstFull + " to " + lastFull;
  }
}
