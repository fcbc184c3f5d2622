package io.countersign.verifier.export;

import io.countersign.verifier.merkle.MerkleTree;
import io.countersign.verifier.merkle.MerkleVerifier;
import io.countersign.verifier.merkle.Verification;
import io.countersign.verifier.note.Checkpoint;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Compares the tree rebuilt from the entries with the signed checkpoints: roots by recomputation,
 * then consistency by RFC 9162 proofs, then the auditor's previous checkpoint.
 */
final class TreeAudit {

  private final EntryScan scan;
  private final MerkleTree tree;
  private final List<CheckpointChain.Verified> checkpoints;

  TreeAudit(EntryScan scan, List<CheckpointChain.Verified> checkpoints) {
    this.scan = scan;
    this.tree = scan.tree();
    this.checkpoints = checkpoints;
  }

  /** Each checkpoint of at most {@code maxSize} leaves must have the rebuilt root at its size. */
  Optional<AuditResult.Fail> checkRoots(long maxSize) {
    long lastGood = 0;
    String lastGoodLabel = "no checkpoint";
    for (CheckpointChain.Verified signed : checkpoints) {
      Checkpoint checkpoint = signed.checkpoint();
      if (checkpoint.size() > maxSize) {
        break;
      }
      if (checkpoint.size() > tree.size()) {
        return Optional.of(
            AuditResult.fail(
                tree.size(),
                "entries "
                    + tree.size()
                    + " to "
                    + (checkpoint.size() - 1)
                    + " are missing: "
                    + signed.label()
                    + " covers "
                    + checkpoint.size()
                    + " entries but "
                    + ExportLayout.ENTRIES
                    + " holds "
                    + tree.size()));
      }
      if (!MessageDigest.isEqual(tree.root(checkpoint.size()), checkpoint.rootHash())) {
        return Optional.of(mismatch(signed, lastGood, lastGoodLabel));
      }
      lastGood = checkpoint.size();
      lastGoodLabel = signed.label();
    }
    return Optional.empty();
  }

  /**
   * The checkpoint's root differs from the rebuilt one. If the leaf hashes the log recorded at
   * append time rebuild the signed root, they are authentic, and the first entry whose bytes do not
   * hash to its recorded hash is exactly the first broken one. Otherwise only the range between the
   * last matching checkpoint and this one is known: an entry whose bytes were rewritten with its
   * recorded hash, or an elided entry whose recorded hash was changed (it has no bytes to check).
   */
  private AuditResult.Fail mismatch(
      CheckpointChain.Verified signed, long lastGood, String lastGoodLabel) {
    Checkpoint checkpoint = signed.checkpoint();
    OptionalLong first = scan.firstRecordedHashMismatch();
    if (first.isPresent()
        && first.getAsLong() < checkpoint.size()
        && MessageDigest.isEqual(scan.recordedRoot(checkpoint.size()), checkpoint.rootHash())) {
      long index = first.getAsLong();
      return AuditResult.fail(
          index,
          String.format(
              "entry %d was altered: its bytes no longer hash to the leaf hash that %s commits to"
                  + " (the entries before it are intact)",
              index, signed.label()));
    }
    String intact =
        lastGood == 0 ? "" : "; entries 0 to " + (lastGood - 1) + " match " + lastGoodLabel;
    long elided = scan.counts().elidedBetween(lastGood, checkpoint.size());
    String elidedNote =
        elided == 0
            ? ""
            : " ("
                + elided
                + " of them elided to their hash; an elided entry whose hash was changed cannot"
                + " be named)";
    return AuditResult.fail(
        String.format(
            "the entries do not rebuild %s: signed root %s, rebuilt root %s%s,"
                + " so the first broken entry is between %d and %d%s",
            signed.label(),
            checkpoint.rootHashBase64(),
            b64(tree.root(checkpoint.size())),
            intact,
            lastGood,
            checkpoint.size() - 1,
            elidedNote));
  }

  /** Every entry's recorded leaf hash must be the hash of its bytes. */
  Optional<AuditResult.Fail> checkRecordedHashes() {
    OptionalLong first = scan.firstRecordedHashMismatch();
    if (first.isEmpty()) {
      return Optional.empty();
    }
    long index = first.getAsLong();
    return Optional.of(
        AuditResult.fail(
            index, "entry " + index + ": its leafHash is not the hash of its leaf bytes"));
  }

  /** RFC 9162 consistency proofs from the rebuilt tree between consecutive checkpoints. */
  Optional<AuditResult.Fail> checkConsistency() {
    for (int i = 1; i < checkpoints.size(); i++) {
      CheckpointChain.Verified older = checkpoints.get(i - 1);
      CheckpointChain.Verified newer = checkpoints.get(i);
      if (older.checkpoint().size() == 0) {
        continue;
      }
      Verification proof = prove(older.checkpoint(), newer.checkpoint());
      if (proof instanceof Verification.Invalid invalid) {
        return Optional.of(
            AuditResult.fail(
                older.label()
                    + " and "
                    + newer.label()
                    + " are inconsistent: "
                    + invalid.reason()));
      }
    }
    return Optional.empty();
  }

  /** The auditor's previous checkpoint must be a prefix of the latest one. */
  Optional<AuditResult.Fail> checkPrevious(Checkpoint previous, CheckpointChain.Verified latest) {
    String yours = "your previous checkpoint (size " + previous.size() + ")";
    if (previous.size() > latest.checkpoint().size()) {
      return Optional.of(
          AuditResult.fail(
              yours
                  + " is larger than the latest "
                  + latest.label()
                  + ": the log rolled back, or shows you a shorter history than before"));
    }
    if (!MessageDigest.isEqual(tree.root(previous.size()), previous.rootHash())) {
      return Optional.of(
          AuditResult.fail(
              "history rewritten: "
                  + yours
                  + " has root "
                  + previous.rootHashBase64()
                  + " but the exported entries 0 to "
                  + (previous.size() - 1)
                  + " rebuild "
                  + b64(tree.root(previous.size()))
                  + " and the export's checkpoints are signed over that rewritten tree"
                  + conflictingCheckpoint(previous)
                  + "; the rewritten entries are among entries 0 to "
                  + (previous.size() - 1)));
    }
    if (previous.size() > 0) {
      Verification proof = prove(previous, latest.checkpoint());
      if (proof instanceof Verification.Invalid invalid) {
        return Optional.of(
            AuditResult.fail(
                yours
                    + " and the latest "
                    + latest.label()
                    + " are inconsistent: "
                    + invalid.reason()));
      }
    }
    return Optional.empty();
  }

  private String conflictingCheckpoint(Checkpoint previous) {
    return checkpoints.stream()
        .filter(signed -> signed.checkpoint().size() == previous.size())
        .findFirst()
        .map(signed -> " (" + signed.label() + " and yours are both signed, with different roots)")
        .orElse("");
  }

  private Verification prove(Checkpoint older, Checkpoint newer) {
    List<byte[]> proof = tree.consistencyProof(older.size(), newer.size());
    return MerkleVerifier.verifyConsistency(
        older.size(), newer.size(), older.rootHash(), newer.rootHash(), proof);
  }

  private static String b64(byte[] hash) {
    return Base64.getEncoder().encodeToString(hash);
  }
}
