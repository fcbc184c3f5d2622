package io.countersign.gateway.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.tenant.ToolNames;
import io.countersign.tenant.UpstreamEndpoint;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ToolNamingTest {

  private static final UpstreamEndpoint SHOP = upstream("shop");
  private static final UpstreamEndpoint CRM = upstream("crm");

  @Test
  void qualifiedNamesCarryTheUpstream() {
    ToolNaming naming = ToolNaming.of(ToolNames.QUALIFIED, List.of(SHOP, CRM));
    assertFalse(naming.plain());
    assertEquals(Optional.of("shop__delete_orders"), naming.exposed(SHOP, "delete_orders"));
    assertEquals(Optional.of(new QualifiedName("crm", "find")), naming.resolve("crm__find"));
    assertEquals(Optional.empty(), naming.resolve("find"));
  }

  @Test
  void plainNamesAreTheUpstreamsOwnWithOneUpstream() {
    ToolNaming naming = ToolNaming.of(ToolNames.PLAIN, List.of(SHOP));
    assertTrue(naming.plain());
    assertEquals(Optional.of("delete_orders"), naming.exposed(SHOP, "delete_orders"));
    assertEquals(
        Optional.of(new QualifiedName("shop", "delete_orders")), naming.resolve("delete_orders"));
    // a name that looks qualified is still the upstream's own
    assertEquals(Optional.of(new QualifiedName("shop", "a__b")), naming.resolve("a__b"));
  }

  @Test
  void plainNamesNeverApplyToSeveralUpstreams() {
    ToolNaming naming = ToolNaming.of(ToolNames.PLAIN, List.of(SHOP, CRM));
    assertFalse(naming.plain());
    assertEquals(Optional.of("crm__find"), naming.exposed(CRM, "find"));
    assertEquals(Optional.empty(), naming.resolve("find"));
  }

  private static UpstreamEndpoint upstream(String name) {
    return new UpstreamEndpoint(
        name + "-id",
        "acme",
        name,
        URI.create("https://" + name + ".example.com/mcp"),
        Map.of(),
        Duration.ofSeconds(5),
        Duration.ofSeconds(30));
  }
}
