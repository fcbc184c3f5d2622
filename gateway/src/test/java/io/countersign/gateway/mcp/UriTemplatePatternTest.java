package io.countersign.gateway.mcp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UriTemplatePatternTest {

  @Test
  void aSimpleExpressionMatchesOneSegment() {
    var template = UriTemplatePattern.of("test://template/{id}/data");
    assertTrue(template.matches("test://template/123/data"));
    assertFalse(template.matches("test://template/1/2/data"));
    assertFalse(template.matches("test://template//data"));
    assertFalse(template.matches("test://other/123/data"));
  }

  @Test
  void literalPartsAreNotPatterns() {
    var template = UriTemplatePattern.of("db://orders.v1/{id}");
    assertTrue(template.matches("db://orders.v1/7"));
    assertFalse(template.matches("db://ordersXv1/7"));
  }

  @Test
  void reservedAndQueryExpressions() {
    assertTrue(UriTemplatePattern.of("file:///{+path}").matches("file:///etc/hosts"));
    assertTrue(UriTemplatePattern.of("api://search{?q,limit}").matches("api://search?q=a&limit=2"));
    assertTrue(UriTemplatePattern.of("api://search{?q,limit}").matches("api://search"));
    assertFalse(UriTemplatePattern.of("api://search{?q}").matches("api://searches"));
  }
}
