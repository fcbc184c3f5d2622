package io.countersign.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Health, metrics and OpenAPI answer on the running server. */
class OperabilityIT {

  @Test
  void healthReadyWhenServerStartedThenUp() throws Exception {
    var response = McpHttp.get(ItEnvironment.baseUrl() + "/health/ready");
    assertEquals(200, response.statusCode(), response.body());
    assertTrue(response.body().contains("\"status\":\"UP\""), response.body());
  }

  @Test
  void healthLiveWhenServerStartedThenUp() throws Exception {
    assertEquals(200, McpHttp.get(ItEnvironment.baseUrl() + "/health/live").statusCode());
  }

  @Test
  void metricsWhenScrapedThenPrometheusText() throws Exception {
    var response = McpHttp.get(ItEnvironment.baseUrl() + "/metrics");
    assertEquals(200, response.statusCode());
    assertTrue(response.body().contains("# TYPE"), response.body());
  }

  /**
   * Requests to the MCP endpoint are measured, by method and status: the server's HTTP metrics do
   * not see them (the endpoint is a filter that answers before any servlet).
   */
  @Test
  void metricsWhenMcpEndpointCalledThenItsRequestsAreMeasuredByMethodAndStatus() throws Exception {
    var mcp = new McpHttp("demo", ItEnvironment.demoAgentKey());
    mcp.initialize("2025-11-25");
    var response = McpHttp.get(ItEnvironment.baseUrl() + "/metrics");
    assertEquals(200, response.statusCode());
    var lines =
        response
            .body()
            .lines()
            .filter(line -> line.startsWith("countersign_mcp_request_duration_seconds_count"))
            .toList();
    assertTrue(
        lines.stream()
            .anyMatch(line -> line.contains("method=\"POST\"") && line.contains("status=\"200\"")),
        String.join("\n", lines));
    assertTrue(
        lines.stream()
            .anyMatch(line -> line.contains("method=\"POST\"") && line.contains("status=\"202\"")),
        "notifications/initialized is answered 202: " + String.join("\n", lines));
  }

  @Test
  void openApiWhenFetchedThenDocumentsMcpEndpoint() throws Exception {
    var response = McpHttp.get(ItEnvironment.baseUrl() + "/openapi");
    assertEquals(200, response.statusCode());
    assertTrue(response.body().contains("/t/{tenant}/mcp"), response.body());
  }

  /**
   * Every {@code {name}} in a documented path is declared as a path parameter of each of its
   * operations (OpenAPI 3, Path Item Object): the document validates, and generated clients can
   * call it.
   */
  @Test
  void openApiWhenFetchedThenEveryPathTemplateParameterIsDeclared() throws Exception {
    var response = McpHttp.get(ItEnvironment.baseUrl() + "/openapi?format=JSON");
    assertEquals(200, response.statusCode());
    JsonObject paths;
    try (var reader = Json.createReader(new StringReader(response.body()))) {
      paths = reader.readObject().getJsonObject("paths");
    }
    Pattern template = Pattern.compile("\\{([^}]+)}");
    List<String> undeclared = new ArrayList<>();
    for (var path : paths.entrySet()) {
      JsonObject item = path.getValue().asJsonObject();
      for (var operation : item.entrySet()) {
        if (!(operation.getValue() instanceof JsonObject op)
            || operation.getKey().equals("parameters")) {
          continue;
        }
        List<String> declared = new ArrayList<>();
        for (JsonObject holder : List.of(item, op)) {
          for (JsonValue parameter :
              holder.getOrDefault("parameters", JsonValue.EMPTY_JSON_ARRAY).asJsonArray()) {
            if ("path".equals(parameter.asJsonObject().getString("in", ""))) {
              declared.add(parameter.asJsonObject().getString("name", ""));
            }
          }
        }
        Matcher names = template.matcher(path.getKey());
        while (names.find()) {
          if (!declared.contains(names.group(1))) {
            undeclared.add(operation.getKey() + " " + path.getKey() + ": {" + names.group(1) + "}");
          }
        }
      }
    }
    assertEquals(List.of(), undeclared, "path parameters the document does not declare");
  }
}
