package io.countersign.verifier.export;

import io.countersign.verifier.merkle.MerkleFrontier;
import io.countersign.verifier.merkle.MerkleHash;
import io.countersign.verifier.note.Checkpoint;
import io.countersign.verifier.note.Ed25519Keys;
import io.countersign.verifier.note.NoteSigner;
import io.countersign.verifier.note.VerifierKey;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongFunction;
import java.util.function.LongPredicate;

/**
 * Builds an export the way the log would: canonical-JSON events, a checkpoint signed at each chosen
 * size. Used by the tests and, through {@link #main}, by {@code bench/audit-verifier.sh}.
 */
public final class SyntheticExport {

  public static final String ORIGIN = "audit.example.com/acme";

  private long entries = 300;
  private TreeSet<Long> checkpointSizes = new TreeSet<>(List.of(200L, 300L));
  private LongFunction<List<NoteSigner>> signers;
  private LongFunction<byte[]> events = SyntheticExport::event;
  private LongPredicate elided = index -> false;

  private SyntheticExport(NoteSigner signer) {
    this.signers = size -> List.of(signer);
  }

  /** 300 entries, checkpoints at 200 and 300, signed by {@code signer}. */
  public static SyntheticExport signedBy(NoteSigner signer) {
    return new SyntheticExport(signer);
  }

  /** A new log key named after the origin. */
  public static NoteSigner newSigner() {
    return NoteSigner.ed25519(ORIGIN, Ed25519Keys.generate());
  }

  public SyntheticExport entries(long count) {
    this.entries = count;
    return this;
  }

  public SyntheticExport checkpointsAt(Long... sizes) {
    this.checkpointSizes = new TreeSet<>(List.of(sizes));
    return this;
  }

  /** Who signs the checkpoint of each size: during a rotation, old and new key. */
  public SyntheticExport signers(LongFunction<List<NoteSigner>> signersBySize) {
    this.signers = signersBySize;
    return this;
  }

  /** The leaf bytes of each index, to rewrite history. */
  public SyntheticExport events(LongFunction<byte[]> eventsByIndex) {
    this.events = eventsByIndex;
    return this;
  }

  /** Which entries to elide to their hash, as an export of a time range does. */
  public SyntheticExport elided(LongPredicate elidedIndexes) {
    this.elided = elidedIndexes;
    return this;
  }

  /** Writes the export into {@code dir} (created); returns it. */
  public Path writeTo(Path dir) throws IOException {
    try (ExportWriter writer = ExportWriter.create(dir)) {
      write(writer);
    }
    return dir;
  }

  /** Writes the export as a zip {@code file}, the way the server streams it; returns it. */
  public Path writeZipTo(Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file);
        ExportWriter writer = ExportWriter.zip(out)) {
      write(writer);
    }
    return file;
  }

  private void write(ExportWriter writer) throws IOException {
    MerkleFrontier frontier = new MerkleFrontier();
    Set<VerifierKey> published = new LinkedHashSet<>();
    checkpoint(writer, frontier, published);
    for (long i = 0; i < entries; i++) {
      byte[] leaf = events.apply(i);
      byte[] leafHash = MerkleHash.leafHash(leaf);
      if (elided.test(i)) {
        writer.appendElided(leafHash);
      } else {
        writer.append(leaf, leafHash);
      }
      frontier.append(leafHash);
      checkpoint(writer, frontier, published);
    }
    published.forEach(writer::publishedKey);
  }

  private void checkpoint(ExportWriter writer, MerkleFrontier frontier, Set<VerifierKey> keys) {
    if (checkpointSizes.contains(frontier.size())) {
      List<NoteSigner> bySize = signers.apply(frontier.size());
      bySize.forEach(signer -> keys.add(signer.verifierKey()));
      writer.checkpoint(new Checkpoint(ORIGIN, frontier.size(), frontier.root()).sign(bySize));
    }
  }

  /** An audit event as RFC 8785 canonical JSON: sorted keys, no whitespace. */
  public static byte[] event(long index) {
    String json =
        "{\"actor\":{\"issuer\":\"https://idp.example.com\",\"subject\":\"agent-"
            + (index % 17)
            + "\",\"type\":\"agent\"},\"correlationId\":\"call-"
            + index
            + "\",\"decision\":\""
            + (index % 5 == 0 ? "deny" : "allow")
            + "\",\"eventId\":\"evt-"
            + index
            + "\",\"reason\":\"policy \\\"default\\\" matched\",\"time\":\"2026-11-21T01:"
            + String.format("%02d:%02d", (index / 60) % 60, index % 60)
            + "Z\",\"tool\":\"files.read\",\"type\":\"tool_call.decision\",\"v\":1}";
    return json.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * {@code SyntheticExport <entries> <dir>}: an export with a checkpoint every 1,000 entries and at
   * the end, signed by a fresh key, whose verifier key is printed and written to keys.txt.
   */
  public static void main(String[] args) throws IOException {
    long count = Long.parseLong(args[0]);
    List<Long> sizes = new ArrayList<>();
    for (long size = 1000; size < count; size += 1000) {
      sizes.add(size);
    }
    sizes.add(count);
    NoteSigner signer = newSigner();
    signedBy(signer)
        .entries(count)
        .checkpointsAt(sizes.toArray(Long[]::new))
        .writeTo(Path.of(args[1]));
    System.out.println(signer.verifierKey().encoded());
  }
}
