package io.countersign.audit.log;

import io.countersign.audit.AuditStoreException;
import io.countersign.verifier.note.Checkpoint;
import io.countersign.verifier.note.SignedNote;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Proofs against signed checkpoints. Every size a proof is asked for must be the size of a signed
 * checkpoint: a proof for a size nobody signed proves nothing.
 */
@ApplicationScoped
public class AuditProofs {

  @Resource(lookup = "jdbc/countersign")
  DataSource dataSource;

  /** An inclusion proof of one entry: its leaf hash and the path to the root of {@code size}. */
  public record InclusionProof(long index, long treeSize, byte[] leafHash, List<byte[]> hashes) {}

  /** A consistency proof between two signed sizes. */
  public record ConsistencyProof(long fromSize, long toSize, List<byte[]> hashes) {}

  /** Why a proof cannot be given, in words for the caller. */
  public record Refusal(String reason) {}

  /** Proof or refusal: an expected outcome either way. */
  public sealed interface Answer<T> {}

  public record Proven<T>(T proof) implements Answer<T> {}

  public record Refused<T>(Refusal refusal) implements Answer<T> {}

  @Transactional
  public Optional<SignedNote> latestCheckpoint(String tenantId) {
    try (var connection = dataSource.getConnection()) {
      return CheckpointStore.latest(connection, tenantId);
    } catch (SQLException e) {
      throw new AuditStoreException("reading checkpoints of " + tenantId, e);
    }
  }

  /** Inclusion of entry {@code index} in the tree of {@code treeSize} (default: latest signed). */
  @Transactional
  public Answer<InclusionProof> inclusion(String tenantId, long index, Optional<Long> treeSize) {
    try (var connection = dataSource.getConnection()) {
      Optional<Long> size = signedSize(connection, tenantId, treeSize);
      if (size.isEmpty()) {
        return refused(noCheckpoint(treeSize));
      }
      if (index < 0 || index >= size.get()) {
        return refused(
            "entry "
                + index
                + " is not in the signed tree of size "
                + size.get()
                + " (a newer entry is provable after the next checkpoint)");
      }
      var hashes = new JdbcHashSource(connection, tenantId);
      byte[] leafHash = hashes.leafHashes(index, index + 1).get(0);
      List<byte[]> path = new TreeMath(hashes).inclusionProof(index, size.get());
      return new Proven<>(new InclusionProof(index, size.get(), leafHash, path));
    } catch (SQLException e) {
      throw new AuditStoreException("inclusion proof in " + tenantId, e);
    }
  }

  /** Consistency between two signed sizes. */
  @Transactional
  public Answer<ConsistencyProof> consistency(String tenantId, long fromSize, long toSize) {
    try (var connection = dataSource.getConnection()) {
      if (fromSize < 1 || fromSize > toSize) {
        return refused("need 1 <= from <= to, got from=" + fromSize + " and to=" + toSize);
      }
      for (long size : new long[] {fromSize, toSize}) {
        if (signedSize(connection, tenantId, Optional.of(size)).isEmpty()) {
          return refused(noCheckpoint(Optional.of(size)));
        }
      }
      var proof = new TreeMath(new JdbcHashSource(connection, tenantId));
      return new Proven<>(
          new ConsistencyProof(fromSize, toSize, proof.consistencyProof(fromSize, toSize)));
    } catch (SQLException e) {
      throw new AuditStoreException("consistency proof in " + tenantId, e);
    }
  }

  private static Optional<Long> signedSize(
      Connection connection, String tenantId, Optional<Long> wanted) throws SQLException {
    if (wanted.isEmpty()) {
      return CheckpointStore.latest(connection, tenantId)
          .map(note -> Checkpoint.parse(note.text()).size());
    }
    List<SignedNote> exact =
        CheckpointStore.between(connection, tenantId, wanted.get(), wanted.get());
    return exact.isEmpty() ? Optional.empty() : wanted;
  }

  private static String noCheckpoint(Optional<Long> size) {
    return size.map(s -> "no signed checkpoint has tree size " + s)
        .orElse("the log has no signed checkpoint yet");
  }

  private static <T> Answer<T> refused(String reason) {
    return new Refused<>(new Refusal(reason));
  }
}
