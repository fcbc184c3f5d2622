package io.countersign.web.audit;

import io.countersign.audit.log.AuditEntry;
import io.countersign.audit.log.AuditExport;
import io.countersign.audit.log.AuditLogs;
import io.countersign.audit.log.AuditPayloads;
import io.countersign.audit.log.AuditProofs;
import io.countersign.audit.log.AuditQuery;
import io.countersign.audit.log.AuditSearch;
import io.countersign.audit.log.Checkpointer;
import io.countersign.audit.log.SigningKeys;
import io.countersign.verifier.note.SignedNote;
import io.countersign.web.admin.OperatorGate;
import io.countersign.web.admin.Problems;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The REST face of one log: checkpoints, keys, proofs, search, payloads and export. Subclasses say
 * which log ({@link TenantAuditResource}, {@link PlatformAuditResource}). Operator token required.
 */
public abstract class LogEndpoints {

  static final JsonProvider JSON = JsonProvider.provider();
  static final String TEXT = MediaType.TEXT_PLAIN + ";charset=utf-8";

  @Inject OperatorGate gate;
  @Inject AuditLogs logs;
  @Inject Checkpointer checkpointer;
  @Inject SigningKeys keys;
  @Inject AuditProofs proofs;
  @Inject AuditSearch search;
  @Inject AuditPayloads payloads;
  @Inject AuditExport export;

  @Context HttpHeaders headers;

  /** The log these endpoints serve: a tenant id or {@link AuditLogs#PLATFORM}. */
  abstract String logId();

  @GET
  @Path("checkpoint")
  @Produces({TEXT, Problems.MEDIA_TYPE})
  @Operation(summary = "The latest signed checkpoint (C2SP signed note)")
  public Response checkpoint() {
    return gated(
        () ->
            proofs
                .latestCheckpoint(logId())
                .map(LogEndpoints::note)
                .orElseGet(() -> notFound("No checkpoint", "the log has no checkpoint yet")));
  }

  @POST
  @Path("checkpoint")
  @Produces({TEXT, Problems.MEDIA_TYPE})
  @Operation(summary = "Sign a checkpoint now over every committed entry")
  public Response checkpointNow() {
    return gated(
        () ->
            checkpointer
                .checkpoint(logId(), false)
                .map(LogEndpoints::note)
                .orElseGet(() -> notFound("No log", "nothing was ever logged here")));
  }

  @GET
  @Path("keys")
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "Every key that signs or signed this log's checkpoints, newest first")
  public Response publishedKeys() {
    return gated(
        () -> {
          JsonArrayBuilder list = JSON.createArrayBuilder();
          for (SigningKeys.PublishedKey key : keys.published(logId())) {
            JsonObjectBuilder item =
                JSON.createObjectBuilder()
                    .add("verifierKey", key.key().encoded())
                    .add("keyId", key.key().keyIdHex())
                    .add("createdAt", key.createdAt().toString());
            key.retiresAt().ifPresent(at -> item.add("retiresAt", at.toString()));
            list.add(item);
          }
          return json(JSON.createObjectBuilder().add("keys", list));
        });
  }

  @POST
  @Path("keys/rotate")
  @Produces({MediaType.APPLICATION_JSON, Problems.MEDIA_TYPE})
  @Operation(summary = "Add a signing key; the current ones keep signing during the overlap")
  public Response rotate(@QueryParam("overlap") String overlap) {
    return gated(
        () -> {
          Duration keep;
          try {
            keep = overlap == null ? Duration.ofDays(7) : Duration.parse(overlap);
          } catch (DateTimeParseException e) {
            return invalid("overlap must be an ISO-8601 duration such as P7D");
          }
          if (keep.isNegative()) {
            return invalid("overlap must not be negative");
          }
          var key = keys.rotate(logId(), logs.originFor(logId()), keep, Instant.now());
          return json(
              JSON.createObjectBuilder()
                  .add("verifierKey", key.encoded())
                  .add("keyId", key.keyIdHex()));
        });
  }

  @GET
  @Path("proofs/inclusion")
  @Produces({MediaType.APPLICATION_JSON, Problems.MEDIA_TYPE})
  @Operation(summary = "Inclusion proof of an entry in a signed tree (default: the latest)")
  public Response inclusion(@QueryParam("index") Long index, @QueryParam("size") Long size) {
    return gated(
        () -> {
          if (index == null) {
            return invalid("index is required");
          }
          var answer = proofs.inclusion(logId(), index, Optional.ofNullable(size));
          if (answer instanceof AuditProofs.Refused<AuditProofs.InclusionProof> refused) {
            return notFound("No proof", refused.refusal().reason());
          }
          var proof = ((AuditProofs.Proven<AuditProofs.InclusionProof>) answer).proof();
          return json(
              JSON.createObjectBuilder()
                  .add("index", proof.index())
                  .add("treeSize", proof.treeSize())
                  .add("leafHash", base64(proof.leafHash()))
                  .add("proof", hashes(proof.hashes())));
        });
  }

  @GET
  @Path("proofs/consistency")
  @Produces({MediaType.APPLICATION_JSON, Problems.MEDIA_TYPE})
  @Operation(summary = "Consistency proof between two signed tree sizes")
  public Response consistency(@QueryParam("from") Long from, @QueryParam("to") Long to) {
    return gated(
        () -> {
          if (from == null || to == null) {
            return invalid("from and to are required");
          }
          var answer = proofs.consistency(logId(), from, to);
          if (answer instanceof AuditProofs.Refused<AuditProofs.ConsistencyProof> refused) {
            return notFound("No proof", refused.refusal().reason());
          }
          var proof = ((AuditProofs.Proven<AuditProofs.ConsistencyProof>) answer).proof();
          return json(
              JSON.createObjectBuilder()
                  .add("from", proof.fromSize())
                  .add("to", proof.toSize())
                  .add("proof", hashes(proof.hashes())));
        });
  }

  @GET
  @Path("entries")
  @Produces({MediaType.APPLICATION_JSON, Problems.MEDIA_TYPE})
  @Operation(summary = "Search entries; paged by position (cursor = index of the last one seen)")
  public Response entries(
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("type") String type,
      @QueryParam("agent") String agent,
      @QueryParam("tool") String tool,
      @QueryParam("outcome") String outcome,
      @QueryParam("approver") String approver,
      @QueryParam("correlationId") String correlationId,
      @QueryParam("cursor") Long cursor,
      @QueryParam("order") String order,
      @QueryParam("limit") Integer limit) {
    return gated(
        () -> {
          AuditQuery query;
          try {
            query =
                new AuditQuery(
                    time(from, "from"),
                    time(to, "to"),
                    Optional.ofNullable(type),
                    Optional.ofNullable(agent),
                    Optional.ofNullable(tool),
                    Optional.ofNullable(outcome),
                    Optional.ofNullable(approver),
                    Optional.ofNullable(correlationId),
                    Optional.ofNullable(cursor),
                    newestFirst(order),
                    limit == null ? 100 : limit);
          } catch (IllegalArgumentException e) {
            return invalid(e.getMessage());
          }
          List<AuditEntry> found = search.search(logId(), query);
          JsonArrayBuilder list = JSON.createArrayBuilder();
          found.forEach(entry -> list.add(entryJson(entry)));
          JsonObjectBuilder page = JSON.createObjectBuilder().add("entries", list);
          if (found.size() == query.limit()) {
            page.add("next", found.get(found.size() - 1).index());
          }
          return json(page);
        });
  }

  @GET
  @Path("entries/{index}/payload")
  @Produces({MediaType.APPLICATION_JSON, Problems.MEDIA_TYPE})
  @Operation(summary = "The payload an entry commits to, with its salt (unless erased)")
  public Response payload(@PathParam("index") long index) {
    return gated(
        () ->
            payloads
                .read(logId(), index)
                .map(
                    stored -> {
                      JsonObjectBuilder body =
                          JSON.createObjectBuilder().add("index", index).add("kind", stored.kind());
                      stored.salt().ifPresent(salt -> body.add("salt", base64(salt)));
                      stored
                          .json()
                          .ifPresent(
                              text ->
                                  body.add(
                                      "payload",
                                      JSON.createReader(new StringReader(text)).readValue()));
                      stored.erasedAt().ifPresent(at -> body.add("erasedAt", at.toString()));
                      return json(body);
                    })
                .orElseGet(() -> notFound("No payload", "entry " + index + " has no payload")));
  }

  @DELETE
  @Path("entries/{index}/payload")
  @Produces(Problems.MEDIA_TYPE)
  @Operation(summary = "Erase a payload (personal data); the entry and the tree stay intact")
  public Response erase(@PathParam("index") long index) {
    return gated(
        () ->
            payloads.erase(logId(), index, Instant.now())
                ? Response.noContent().build()
                : notFound("No payload", "entry " + index + " has no payload to erase"));
  }

  @GET
  @Path("export")
  @Produces({"application/zip", Problems.MEDIA_TYPE})
  @Operation(summary = "Export for the offline verifier (zip), entries outside [from, to) elided")
  public Response exportZip(@QueryParam("from") String from, @QueryParam("to") String to) {
    return gated(
        () -> {
          Optional<Instant> start;
          Optional<Instant> end;
          try {
            start = time(from, "from");
            end = time(to, "to");
          } catch (IllegalArgumentException e) {
            return invalid(e.getMessage());
          }
          checkpointer.checkpoint(logId(), false);
          if (proofs.latestCheckpoint(logId()).isEmpty()) {
            return notFound("No checkpoint", "the log has no checkpoint yet");
          }
          StreamingOutput body = out -> export.write(logId(), start, end, out);
          return Response.ok(body, "application/zip")
              .header(
                  "Content-Disposition",
                  "attachment; filename=\"audit-" + logId().replace('_', '-') + ".zip\"")
              .build();
        });
  }

  private Response gated(java.util.function.Supplier<Response> action) {
    Optional<Response> refusal = gate.refusal(headers);
    return refusal.orElseGet(action);
  }

  private static JsonObjectBuilder entryJson(AuditEntry entry) {
    return JSON.createObjectBuilder()
        .add("index", entry.index())
        .add("leafHash", entry.leafHashBase64())
        .add("leaf", JSON.createReader(new StringReader(entry.leafJson())).readObject());
  }

  private static Optional<Instant> time(String text, String name) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(text));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          name + " must be a UTC time such as 2026-11-21T00:00:00Z, not '" + text + "'");
    }
  }

  private static boolean newestFirst(String order) {
    if (order == null || order.equals("asc")) {
      return false;
    }
    if (order.equals("desc")) {
      return true;
    }
    throw new IllegalArgumentException("order must be asc or desc");
  }

  private static JsonArrayBuilder hashes(List<byte[]> hashes) {
    JsonArrayBuilder list = JSON.createArrayBuilder();
    hashes.forEach(hash -> list.add(base64(hash)));
    return list;
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static Response note(SignedNote note) {
    return Response.ok(note.format(), TEXT).build();
  }

  private static Response json(JsonObjectBuilder body) {
    return Response.ok(body.build().toString(), MediaType.APPLICATION_JSON).build();
  }

  private static Response invalid(String detail) {
    return Problems.problem(400, "Invalid request", detail);
  }

  private static Response notFound(String title, String detail) {
    return Problems.problem(404, title, detail);
  }
}
