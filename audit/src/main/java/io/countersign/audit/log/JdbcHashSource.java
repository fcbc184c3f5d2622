package io.countersign.audit.log;

import io.countersign.audit.AuditStoreException;
import io.countersign.verifier.merkle.MerkleTree;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A log's hashes as stored: subtrees of {@value #TILE} leaves or more come from the tiles the
 * checkpointer wrote, smaller ones (and any range not tiled yet) from the leaf hashes.
 */
final class JdbcHashSource implements HashSource {

  static final int TILE = 256;

  private final Connection connection;
  private final String tenantId;

  JdbcHashSource(Connection connection, String tenantId) {
    this.connection = connection;
    this.tenantId = tenantId;
  }

  @Override
  public byte[] perfectSubtree(long start, long size) {
    if (size >= TILE) {
      List<byte[]> tiles =
          hashes(
              "SELECT tile_hash FROM audit_log_tile WHERE tenant_id = ? AND tile_index >= ?"
                  + " AND tile_index < ? ORDER BY tile_index",
              start / TILE,
              (start + size) / TILE);
      if (tiles.size() == size / TILE) {
        return MerkleTree.of(tiles).root();
      }
    }
    return MerkleTree.of(leafHashes(start, start + size)).root();
  }

  /** The leaf hashes of {@code [from, to)}; a gap is corruption, never a normal outcome. */
  List<byte[]> leafHashes(long from, long to) {
    List<byte[]> leaves =
        hashes(
            "SELECT leaf_hash FROM audit_log_entry WHERE tenant_id = ? AND leaf_index >= ?"
                + " AND leaf_index < ? ORDER BY leaf_index",
            from,
            to);
    if (leaves.size() != to - from) {
      throw new IllegalStateException(
          "audit log "
              + tenantId
              + " has "
              + leaves.size()
              + " of the "
              + (to - from)
              + " entries in ["
              + from
              + ", "
              + to
              + ")");
    }
    return leaves;
  }

  private List<byte[]> hashes(String sql, long from, long to) {
    try (var select = connection.prepareStatement(sql)) {
      select.setString(1, tenantId);
      select.setLong(2, from);
      select.setLong(3, to);
      select.setFetchSize(1024);
      try (var rows = select.executeQuery()) {
        List<byte[]> hashes = new ArrayList<>();
        while (rows.next()) {
          hashes.add(rows.getBytes(1));
        }
        return hashes;
      }
    } catch (SQLException e) {
      throw new AuditStoreException("reading audit log " + tenantId + ": " + e.getMessage(), e);
    }
  }
}
