package io.countersign.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The platform operator's REST API: tenant bundles and agent keys. */
final class OperatorApi {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private OperatorApi() {}

  /** A bundle from test resources with its ${NAME} placeholders filled in. */
  static String bundle(String resource, Map<String, String> values) throws IOException {
    try (InputStream in = OperatorApi.class.getResourceAsStream("/bundles/" + resource)) {
      String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      for (var entry : values.entrySet()) {
        yaml = yaml.replace("${" + entry.getKey() + "}", entry.getValue());
      }
      return yaml;
    }
  }

  static HttpResponse<String> putBundle(String tenant, String yaml, String token)
      throws IOException, InterruptedException {
    return putBundle(ItEnvironment.baseUrl(), tenant, yaml, token);
  }

  /** The same at another deployment, at {@code baseUrl}. */
  static HttpResponse<String> putBundle(String baseUrl, String tenant, String yaml, String token)
      throws IOException, InterruptedException {
    var request =
        HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/tenants/" + tenant + "/bundle"))
            .header("Content-Type", "application/yaml")
            .header("Authorization", "Bearer " + token)
            .PUT(HttpRequest.BodyPublishers.ofString(yaml))
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  static void importBundle(String tenant, String yaml) throws IOException, InterruptedException {
    importBundle(ItEnvironment.baseUrl(), tenant, yaml);
  }

  /** Imports a bundle at the deployment at {@code baseUrl}. */
  static void importBundle(String baseUrl, String tenant, String yaml)
      throws IOException, InterruptedException {
    var response = putBundle(baseUrl, tenant, yaml, ItEnvironment.operatorToken());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "bundle import answered " + response.statusCode() + ": " + response.body());
    }
  }

  /** Issues a new key for an agent; returns the key (shown only this once). */
  static String issueKey(String tenant, String agent) throws IOException, InterruptedException {
    var request =
        HttpRequest.newBuilder(
                URI.create(
                    ItEnvironment.baseUrl()
                        + "/api/v1/tenants/"
                        + tenant
                        + "/agents/"
                        + agent
                        + "/keys"))
            .header("Authorization", "Bearer " + ItEnvironment.operatorToken())
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();
    var response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 201) {
      throw new IllegalStateException(
          "key issue answered " + response.statusCode() + ": " + response.body());
    }
    JsonObject body = Json.createReader(new StringReader(response.body())).readObject();
    return body.getString("key");
  }

  static String shopUrl() {
    return ItEnvironment.baseUrl().replace("localhost", "127.0.0.1") + "/demo-upstream/mcp";
  }
}
