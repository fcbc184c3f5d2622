package io.countersign.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

  @Test
  void openApiWhenFetchedThenDocumentsMcpEndpoint() throws Exception {
    var response = McpHttp.get(ItEnvironment.baseUrl() + "/openapi");
    assertEquals(200, response.statusCode());
    assertTrue(response.body().contains("/t/{tenant}/mcp"), response.body());
  }
}
