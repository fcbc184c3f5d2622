package io.countersign.web.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class McpPathTest {

  @Test
  void tenantOfWhenMcpPathThenTenant() {
    assertEquals(Optional.of("acme"), McpPath.tenantOf("/t/acme/mcp"));
    assertEquals(Optional.of("acme"), McpPath.tenantOf("/t/acme/mcp/"));
  }

  @Test
  void tenantOfWhenSegmentPercentEncodedThenDecodedKeepingPlus() {
    assertEquals(Optional.of("a c+e"), McpPath.tenantOf("/t/a%20c+e/mcp"));
  }

  @Test
  void tenantOfWhenSegmentMalformedThenTakenAsItIs() {
    assertEquals(Optional.of("a%zz"), McpPath.tenantOf("/t/a%zz/mcp"));
  }

  @Test
  void tenantOfWhenOtherPathThenEmpty() {
    for (String path :
        new String[] {
          "/t/acme/mcpx",
          "/t/acme/mcp/tasks",
          "/t/acme/.well-known/openid-configuration",
          "/t//mcp",
          "/t/a/b/mcp",
          "/x/acme/mcp",
          "/t/acme;jsessionid=1/mcp"
        }) {
      assertEquals(Optional.empty(), McpPath.tenantOf(path), path);
    }
  }
}
