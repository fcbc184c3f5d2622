package io.countersign.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.verifier.merkle.MerkleVerifier;
import io.countersign.verifier.merkle.Verification;
import io.countersign.verifier.note.Checkpoint;
import io.countersign.verifier.note.NoteVerification;
import io.countersign.verifier.note.NoteVerifier;
import io.countersign.verifier.note.SignedNote;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every decision is a leaf of the tenant's signed log: provable against a signed checkpoint,
 * exportable, and verified offline by the standalone verifier jar, which catches a tampered copy.
 */
class SignedAuditLogIT {

  private static final String TENANT = "ledger";
  private static final AuditApi AUDIT = new AuditApi(TENANT);
  private static McpHttp mcp;

  @TempDir Path temp;

  @BeforeAll
  static void tenantWithCalls() throws Exception {
    mcp = new McpHttp(TENANT, AuditApi.tenantWithAgent(TENANT));
    mcp.initialize("2025-11-25");
    for (int i = 0; i < 3; i++) {
      mcp.callTool("shop__list_orders", JsonObject.EMPTY_JSON_OBJECT);
    }
    mcp.callTool("shop__no_such_tool", JsonObject.EMPTY_JSON_OBJECT);
  }

  @Test
  void decisionsWhenCheckpointedThenEachLeafHasAnInclusionProofToTheSignedRoot() throws Exception {
    SignedNote note = AUDIT.checkpointNow();
    assertInstanceOf(NoteVerification.Verified.class, AUDIT.pinned().verify(note));
    Checkpoint checkpoint = Checkpoint.parse(note.text());
    assertEquals("countersign/audit/" + TENANT, checkpoint.origin());

    List<JsonObject> decisions = sessionEntries("tool_call.decision");
    assertTrue(decisions.size() >= 4, decisions.toString());
    for (JsonObject entry : decisions) {
      long index = entry.getJsonNumber("index").longValue();
      JsonObject proof = AUDIT.json("proofs/inclusion?index=" + index);
      assertEquals(entry.getString("leafHash"), proof.getString("leafHash"));
      Verification verified =
          MerkleVerifier.verifyInclusion(
              index,
              proof.getJsonNumber("treeSize").longValue(),
              Base64.getDecoder().decode(proof.getString("leafHash")),
              hashes(proof),
              checkpoint.rootHash());
      assertInstanceOf(Verification.Valid.class, verified, entry.toString());
    }
    JsonObject leaf = decisions.get(0).getJsonObject("leaf");
    assertEquals(TENANT + "-agent", leaf.getJsonObject("actor").getString("name"));
    assertTrue(leaf.getJsonObject("payload").getString("commitment").length() == 44);
  }

  @Test
  void checkpointsRequestedAtOnceThenAllAnswerTheOneSignedHead() throws Exception {
    mcp.callTool("shop__list_orders", JsonObject.EMPTY_JSON_OBJECT);
    var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Future<String>> notes = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        notes.add(pool.submit(() -> AUDIT.checkpointNow().text()));
      }
      List<String> texts = new ArrayList<>();
      for (var note : notes) {
        texts.add(note.get(60, java.util.concurrent.TimeUnit.SECONDS));
      }
      assertEquals(1, texts.stream().distinct().count(), "one checkpoint of one size: " + texts);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void consistencyWhenLogGrewThenProofLinksTheTwoSignedRoots() throws Exception {
    Checkpoint before = Checkpoint.parse(AUDIT.checkpointNow().text());
    mcp.callTool("shop__list_orders", JsonObject.EMPTY_JSON_OBJECT);
    Checkpoint after = Checkpoint.parse(AUDIT.checkpointNow().text());
    assertTrue(after.size() >= before.size() + 2, "a decision and an outcome were appended");
    JsonObject proof =
        AUDIT.json("proofs/consistency?from=" + before.size() + "&to=" + after.size());
    assertInstanceOf(
        Verification.Valid.class,
        MerkleVerifier.verifyConsistency(
            before.size(), after.size(), before.rootHash(), after.rootHash(), hashes(proof)));
    assertEquals(404, AUDIT.get("proofs/consistency?from=1&to=" + (after.size() + 5)).statusCode());
  }

  @Test
  void exportWhenVerifiedOfflineThenPassAndATamperedCopyFailsAtTheAlteredEntry() throws Exception {
    Path zip = AUDIT.export("", temp.resolve("ledger.zip"));
    OfflineVerifier.Run run = OfflineVerifier.verify(zip, AUDIT.keys());
    assertEquals(0, run.exitCode(), run.output());
    assertTrue(run.output().startsWith("PASS: countersign/audit/" + TENANT), run.output());

    Path tampered = rewriteEntries(zip, temp.resolve("tampered.zip"), 2);
    OfflineVerifier.Run caught = OfflineVerifier.verify(tampered, AUDIT.keys());
    assertEquals(1, caught.exitCode(), caught.output());
    assertTrue(caught.output().contains("entry 2 was altered"), caught.output());
  }

  @Test
  void exportWhenTimeRangeThenEntriesOutsideAreElidedAndItStillVerifies() throws Exception {
    Instant from = Instant.now();
    mcp.callTool("shop__list_orders", JsonObject.EMPTY_JSON_OBJECT);
    Path zip = AUDIT.export("?from=" + from, temp.resolve("recent.zip"));
    OfflineVerifier.Run run = OfflineVerifier.verify(zip, AUDIT.keys());
    assertEquals(0, run.exitCode(), run.output());
    assertTrue(run.output().contains("elided to their hash"), run.output());
    assertEquals(400, AUDIT.get("export?from=yesterday").statusCode());
  }

  @Test
  void payloadWhenErasedThenGoneButTheTreeAndTheExportStillVerify() throws Exception {
    JsonObject decision = sessionEntries("tool_call.decision").get(0);
    long index = decision.getJsonNumber("index").longValue();
    JsonObject payload = AUDIT.json("entries/" + index + "/payload");
    assertEquals("arguments", payload.getString("kind"));
    assertTrue(payload.containsKey("salt"));

    assertEquals(204, AUDIT.delete("entries/" + index + "/payload").statusCode());
    JsonObject erased = AUDIT.json("entries/" + index + "/payload");
    assertFalse(erased.containsKey("payload"));
    assertFalse(erased.containsKey("salt"));
    assertTrue(erased.containsKey("erasedAt"));
    assertEquals(404, AUDIT.delete("entries/" + index + "/payload").statusCode());

    AUDIT.checkpointNow();
    Path zip = AUDIT.export("", temp.resolve("after-erasure.zip"));
    assertEquals(0, OfflineVerifier.verify(zip, AUDIT.keys()).exitCode());
  }

  @Test
  void checkpointWhenSignedThenThePlatformLogRecordsIt() throws Exception {
    Checkpoint checkpoint = Checkpoint.parse(AUDIT.checkpointNow().text());
    JsonObject page =
        AuditApi.platform()
            .json(
                "entries?type=log.checkpoint&correlationId=countersign/audit/"
                    + TENANT
                    + "/"
                    + checkpoint.size());
    assertEquals(1, page.getJsonArray("entries").size(), page.toString());
    JsonObject leaf = page.getJsonArray("entries").getJsonObject(0).getJsonObject("leaf");
    assertEquals(checkpoint.toNoteText().replace('\n', ' ').trim(), leaf.getString("reason"));
    SignedNote platform = AuditApi.platform().checkpointNow();
    assertInstanceOf(
        NoteVerification.Verified.class, AuditApi.platform().pinned().verify(platform));
  }

  @Test
  void keysWhenRotatedThenBothSignDuringTheOverlapAndEitherVerifies() throws Exception {
    var oldKeys = AUDIT.keys();
    assertEquals(200, AUDIT.post("keys/rotate?overlap=P1D").statusCode());
    mcp.callTool("shop__list_orders", JsonObject.EMPTY_JSON_OBJECT);
    SignedNote note = AUDIT.checkpointNow();
    assertTrue(note.signatures().size() >= 2, note.format());
    var newKeys = AUDIT.keys();
    assertEquals(oldKeys.size() + 1, newKeys.size());
    assertInstanceOf(
        NoteVerification.Verified.class, new NoteVerifier(List.of(newKeys.get(0))).verify(note));
    assertInstanceOf(
        NoteVerification.Verified.class, new NoteVerifier(List.of(oldKeys.get(0))).verify(note));
    assertEquals(400, AUDIT.post("keys/rotate?overlap=soon").statusCode());
  }

  @Test
  void searchWhenFilteredThenOnlyMatchingEntriesAndBadFiltersRefused() throws Exception {
    JsonObject rejects = AUDIT.json("entries?tool=shop__no_such_tool&outcome=invalid_params");
    assertFalse(rejects.getJsonArray("entries").isEmpty(), rejects.toString());
    rejects.getJsonArray("entries").stream()
        .map(e -> e.asJsonObject().getJsonObject("leaf"))
        .forEach(leaf -> assertEquals("reject", leaf.getString("decision")));
    JsonObject page = AUDIT.json("entries?agent=" + TENANT + "-agent&limit=2&order=desc");
    assertEquals(2, page.getJsonArray("entries").size());
    long next = page.getJsonNumber("next").longValue();
    JsonObject older =
        AUDIT.json("entries?agent=" + TENANT + "-agent&limit=2&order=desc&cursor=" + next);
    assertTrue(
        older.getJsonArray("entries").getJsonObject(0).getJsonNumber("index").longValue() < next);
    assertEquals(400, AUDIT.get("entries?limit=100000").statusCode());
    assertEquals(400, AUDIT.get("entries?from=2026-13-01").statusCode());
    assertEquals(401, unauthenticated());
  }

  private static int unauthenticated() throws Exception {
    var response =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(AUDIT.url("entries")))
                    .GET()
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
    return response.statusCode();
  }

  /** This test's session's entries of one type, oldest first. */
  private static List<JsonObject> sessionEntries(String type) throws Exception {
    List<JsonObject> found = new ArrayList<>();
    for (JsonValue entry :
        AUDIT.json("entries?type=" + type + "&limit=500").getJsonArray("entries")) {
      JsonObject actor = entry.asJsonObject().getJsonObject("leaf").getJsonObject("actor");
      if (mcp.sessionId().orElseThrow().equals(actor.getString("session", ""))) {
        found.add(entry.asJsonObject());
      }
    }
    return found;
  }

  private static List<byte[]> hashes(JsonObject proof) {
    List<byte[]> hashes = new ArrayList<>();
    proof
        .getJsonArray("proof")
        .forEach(
            h -> hashes.add(Base64.getDecoder().decode(((jakarta.json.JsonString) h).getString())));
    return hashes;
  }

  /** A copy of the export zip in which one byte of entry {@code index}'s leaf is changed. */
  static Path rewriteEntries(Path zip, Path target, long index) throws Exception {
    try (ZipFile in = new ZipFile(zip.toFile());
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
      for (ZipEntry entry : java.util.Collections.list(in.entries())) {
        byte[] content = in.getInputStream(entry).readAllBytes();
        if (entry.getName().equals("entries.jsonl")) {
          content = alterLeaf(content, index);
        }
        out.putNextEntry(new ZipEntry(entry.getName()));
        out.write(content);
        out.closeEntry();
      }
    }
    return target;
  }

  private static byte[] alterLeaf(byte[] jsonl, long index) {
    String[] lines = new String(jsonl, StandardCharsets.UTF_8).split("\n", -1);
    String line = lines[(int) index];
    int at = line.indexOf("\"outcome\":\"") + "\"outcome\":\"".length();
    lines[(int) index] = line.substring(0, at) + "X" + line.substring(at + 1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }
}
