package io.countersign.it;

import io.countersign.verifier.note.NoteVerifier;
import io.countersign.verifier.note.SignedNote;
import io.countersign.verifier.note.VerifierKey;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A tenant's signed audit log through the operator REST API, and a tenant to log into. */
final class AuditApi {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final String base;

  /** The log of {@code tenant}. */
  AuditApi(String tenant) {
    this.base = ItEnvironment.baseUrl() + "/api/v1/tenants/" + tenant + "/audit";
  }

  private AuditApi(String base, boolean platform) {
    this.base = base;
  }

  static AuditApi platform() {
    return new AuditApi(ItEnvironment.baseUrl() + "/api/v1/audit/platform", true);
  }

  /** Creates tenant {@code id} (one agent, the demo shop, allow all); returns its agent's key. */
  static String tenantWithAgent(String id) throws Exception {
    OperatorApi.importBundle(
        id,
        OperatorApi.bundle(
            "plain-tenant.yaml", Map.of("TENANT", id, "SHOP_URL", OperatorApi.shopUrl())));
    return OperatorApi.issueKey(id, id + "-agent");
  }

  String url(String path) {
    return base + "/" + path;
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path) throws IOException, InterruptedException {
    return HTTP.send(
        request(path).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> delete(String path) throws IOException, InterruptedException {
    return HTTP.send(request(path).DELETE().build(), HttpResponse.BodyHandlers.ofString());
  }

  JsonObject json(String path) throws IOException, InterruptedException {
    HttpResponse<String> response = get(path);
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          path + " answered " + response.statusCode() + ": " + response.body());
    }
    return Json.createReader(new StringReader(response.body())).readObject();
  }

  /** Signs a checkpoint now and returns it. */
  SignedNote checkpointNow() throws IOException, InterruptedException {
    HttpResponse<String> response = post("checkpoint");
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "checkpoint answered " + response.statusCode() + ": " + response.body());
    }
    return SignedNote.parse(response.body());
  }

  List<VerifierKey> keys() throws IOException, InterruptedException {
    List<VerifierKey> keys = new ArrayList<>();
    json("keys")
        .getJsonArray("keys")
        .forEach(k -> keys.add(VerifierKey.parse(k.asJsonObject().getString("verifierKey"))));
    return keys;
  }

  NoteVerifier pinned() throws IOException, InterruptedException {
    return new NoteVerifier(keys());
  }

  /** Downloads the export zip (optionally for a time range) into {@code target}. */
  Path export(String query, Path target) throws IOException, InterruptedException {
    HttpResponse<Path> response =
        HTTP.send(
            request("export" + query).GET().build(), HttpResponse.BodyHandlers.ofFile(target));
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "export answered " + response.statusCode() + ": " + Files.readString(target));
    }
    return target;
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(url(path)))
        .header("Authorization", "Bearer " + ItEnvironment.operatorToken());
  }
}
