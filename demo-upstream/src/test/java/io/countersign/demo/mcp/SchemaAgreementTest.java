package io.countersign.demo.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.countersign.demo.db.TestDatabase;
import io.countersign.demo.sandbox.Sandbox;
import io.countersign.demo.sandbox.SandboxSeeder;
import io.countersign.demo.tool.DemoTool;
import io.countersign.demo.tool.ToolOutcome;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tools validate their own arguments (for clearer messages than a schema validator's), so this
 * keeps them honest: what the published input schema rejects, the tool rejects too, and what it
 * accepts, the tool runs.
 */
class SchemaAgreementTest {

  @TempDir static Path sandboxRoot;

  private final DefaultJsonSchemaValidator validator = new DefaultJsonSchemaValidator();

  private DemoTool tool(String name) {
    SandboxSeeder.seed(sandboxRoot);
    return DemoTools.all(TestDatabase.migratedH2(), new Sandbox(sandboxRoot), Clock.systemUTC())
        .stream()
        .filter(t -> t.definition().name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  static Stream<Arguments> rejected() {
    return Stream.of(
        Arguments.of("list_orders", Map.of("status", "lost")),
        Arguments.of("list_orders", Map.of("limit", 0)),
        Arguments.of("list_orders", Map.of("limit", 201)),
        Arguments.of("list_orders", Map.of("limit", "5")),
        Arguments.of("list_orders", Map.of("customer", "")),
        Arguments.of("list_orders", Map.of("order_id", 7)),
        Arguments.of("delete_orders", Map.of()),
        Arguments.of("delete_orders", Map.of("customer", "acme")),
        Arguments.of("send_email", Map.of("to", List.of(), "subject", "s", "body", "b")),
        Arguments.of("send_email", Map.of("to", "a@example.com", "subject", "s", "body", "b")),
        Arguments.of(
            "send_email",
            Map.of("to", List.of("a@example.com", "a@example.com"), "subject", "s", "body", "b")),
        Arguments.of(
            "send_email", Map.of("to", List.of("a@example.com"), "subject", "", "body", "b")),
        Arguments.of("send_email", Map.of("to", List.of("a@example.com"), "subject", "s")),
        Arguments.of(
            "charge_card", Map.of("card_token", "tok_visa_4242", "amount", 0, "currency", "EUR")),
        Arguments.of(
            "charge_card", Map.of("card_token", "tok_visa_4242", "amount", -1, "currency", "EUR")),
        Arguments.of(
            "charge_card", Map.of("card_token", "tok_visa_4242", "amount", 5, "currency", "eur")),
        Arguments.of(
            "charge_card", Map.of("card_token", "tok visa", "amount", 5, "currency", "EUR")),
        Arguments.of(
            "charge_card",
            Map.of("card_token", "tok_visa_4242", "amount", 2000000, "currency", "EUR")),
        Arguments.of("update_config", Map.of("environment", "prod", "key", "k", "value", "v")),
        Arguments.of("update_config", Map.of("environment", "dev", "key", "Bad Key", "value", "v")),
        Arguments.of("update_config", Map.of("environment", "dev", "key", "k")),
        Arguments.of("read_file", Map.of()),
        Arguments.of("read_file", Map.of("path", "")),
        Arguments.of("read_file", Map.of("path", "README.txt", "encoding", "utf-8")));
  }

  static Stream<Arguments> accepted() {
    return Stream.of(
        Arguments.of("list_orders", Map.of()),
        Arguments.of("list_orders", Map.of("status", "paid", "customer", "acme", "limit", 5)),
        Arguments.of("delete_orders", Map.of("created_before", "2026-01-15")),
        Arguments.of(
            "send_email", Map.of("to", List.of("a@example.com"), "subject", "s", "body", "")),
        Arguments.of(
            "charge_card", Map.of("card_token", "tok_visa_4242", "amount", 0.5, "currency", "EUR")),
        Arguments.of("update_config", Map.of("environment", "dev", "key", "a.b_c-d", "value", "")),
        Arguments.of("read_file", Map.of("path", "notes/release-checklist.md")));
  }

  @ParameterizedTest
  @MethodSource("rejected")
  void whatTheSchemaRejectsTheToolRejects(String name, Map<String, Object> arguments) {
    DemoTool tool = tool(name);

    assertEquals(false, validator.validate(tool.definition().inputSchema(), arguments).valid());
    assertInstanceOf(ToolOutcome.Failure.class, tool.invoke(arguments));
  }

  @ParameterizedTest
  @MethodSource("accepted")
  void whatTheSchemaAcceptsTheToolRunsWithOutputMatchingItsSchema(
      String name, Map<String, Object> arguments) {
    DemoTool tool = tool(name);

    assertEquals(true, validator.validate(tool.definition().inputSchema(), arguments).valid());
    ToolOutcome.Success success =
        assertInstanceOf(ToolOutcome.Success.class, tool.invoke(arguments));
    assertEquals(
        true,
        validator.validate(tool.definition().outputSchema(), success.structuredContent()).valid(),
        () ->
            validator
                .validate(tool.definition().outputSchema(), success.structuredContent())
                .errorMessage());
  }
}
