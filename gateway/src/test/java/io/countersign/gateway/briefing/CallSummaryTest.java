package io.countersign.gateway.briefing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.countersign.ciba.details.McpToolCall;
import io.countersign.gateway.pipeline.TestToolCalls;
import io.countersign.gateway.pipeline.ToolCall;
import io.countersign.tenant.summary.SummaryTemplate;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallSummaryTest {

  @Test
  void ofWhenTemplateThenArgumentsFilledIn() {
    assertEquals(
        "Delete cancelled orders created before 2025-01-01",
        summary(
            "Delete {args.status} orders created before {args.created_before}",
            "{\"status\":\"cancelled\",\"created_before\":\"2025-01-01\"}"));
  }

  @Test
  void ofWhenAgentToolUpstreamAndBracesThenFilledInAndLiteral() {
    assertEquals(
        "demo-agent runs delete_orders on shop {as asked}",
        summary("{agent} runs {tool} on {upstream} {{as asked}}", "{}"));
  }

  @Test
  void ofWhenNestedMemberOrArrayIndexThenThatValue() {
    assertEquals(
        "Ship A-17 line SKU-2",
        summary(
            "Ship {args.order.id} line {args.order.lines.1.sku}",
            "{\"order\":{\"id\":\"A-17\",\"lines\":[{\"sku\":\"SKU-1\"},{\"sku\":\"SKU-2\"}]}}"));
  }

  @Test
  void ofWhenValueMissingOrNullThenNone() {
    assertEquals(
        "To (none), cc (none), deep (none), item (none)",
        summary(
            "To {args.to}, cc {args.cc}, deep {args.a.b.c}, item {args.list.5}",
            "{\"cc\":null,\"a\":{\"b\":1},\"list\":[1]}"));
  }

  @Test
  void ofWhenNumbersAndBooleansThenAsWrittenAndYesNo() {
    assertEquals(
        "Charge 1.50 EUR to 42, 1E+21 notify yes, dry run no",
        summary(
            "Charge {args.amount} EUR to {args.card}, {args.big} notify {args.notify}, dry run"
                + " {args.dry}",
            "{\"amount\":1.50,\"card\":42,\"big\":1e21,\"notify\":true,\"dry\":false}"));
  }

  @Test
  void ofWhenArraysThenFirstThreeAndHowManyMore() {
    assertEquals(
        "E-mail a, b, c and 7 more; a and b; a, b, c and d; x; (empty list)",
        summary(
            "E-mail {args.ten}; {args.two}; {args.four}; {args.one}; {args.none}",
            "{\"ten\":[\"a\",\"b\",\"c\",4,5,6,7,8,9,10],\"two\":[\"a\",\"b\"],"
                + "\"four\":[\"a\",\"b\",\"c\",\"d\"],\"one\":[\"x\"],\"none\":[]}"));
  }

  @Test
  void ofWhenCountFilterThenHowMany() {
    assertEquals(
        "E-mail 10 people, 2 fields, 1 subject, 0 cc, 0 bcc",
        summary(
            "E-mail {args.to|count} people, {args.o|count} fields, {args.subject|count} subject,"
                + " {args.cc|count} cc, {args.bcc|count} bcc",
            "{\"to\":[1,2,3,4,5,6,7,8,9,10],\"o\":{\"a\":1,\"b\":2},\"subject\":\"Hi\","
                + "\"cc\":null}"));
  }

  @Test
  void ofWhenObjectOrNestedListValueThenDescribedNotDumped() {
    assertEquals(
        "Send (2 fields); (1 field) and (list of 2)",
        summary("Send {args.o}; {args.l}", "{\"o\":{\"a\":1,\"b\":2},\"l\":[{\"x\":1},[1,2]]}"));
  }

  @Test
  void ofWhenStringLongThenCutTo80WithEllipsis() {
    String rendered = summary("Subject: {args.s}", "{\"s\":\"" + "x".repeat(200) + "\"}");

    assertEquals("Subject: " + "x".repeat(79) + "…", rendered);
  }

  @Test
  void ofWhenArrayItemsLongThenEachCutSoTheCountStaysVisible() {
    String rendered =
        summary("{args.to}", "{\"to\":[\"" + "a".repeat(100) + "\",\"b\",\"c\",\"d\",\"e\"]}");

    assertEquals("a".repeat(39) + "…, b, c and 2 more", rendered);
  }

  @Test
  void ofWhenValuesCarryControlAndBidiCharactersThenRemoved() {
    assertEquals(
        "Subject: Hello world evil.exe",
        summary(
            "Subject: {args.s}",
            "{\"s\":\"Hello\\nworld\\u0007 \\u202eexe.live\\u202c\"}"
                .replace("exe.live", "evil.exe")));
  }

  @Test
  void ofWhenValuesLookLikeMarkupOrPlaceholdersThenTheyStayText() {
    assertEquals(
        "Subject: <script>alert(1)</script> {args.secret} &amp; ${X}",
        summary(
            "Subject: {args.s}",
            "{\"s\":\"<script>alert(1)</script> {args.secret} &amp; ${X}\",\"secret\":\"s3cr3t\"}"));
  }

  @Test
  void ofWhenRenderedLongerThanTheLimitThenCut() {
    StringBuilder template = new StringBuilder();
    for (int i = 0; i < 9; i++) {
      template.append("{args.s} ");
    }
    String rendered = summary(template.toString(), "{\"s\":\"" + "y".repeat(80) + "\"}");

    assertEquals(McpToolCall.SUMMARY_MAX_LENGTH, rendered.codePointCount(0, rendered.length()));
    assertEquals('…', rendered.charAt(rendered.length() - 1));
  }

  @Test
  void ofWhenStringHasNothingToSeeThenBlank() {
    assertEquals(
        "Subject (blank), body (blank)",
        summary("Subject {args.s}, body {args.b}", "{\"s\":\"  \",\"b\":\"\\u200b\\u0000\"}"));
  }

  @Test
  void ofWhenNoTemplateThenFallbackNamesTheFirstScalarArgumentsByName() {
    assertEquals(
        "demo-agent wants to run delete_orders on shop: created_before 2025-01-01, status"
            + " cancelled",
        CallSummary.of(
            call("{\"status\":\"cancelled\",\"created_before\":\"2025-01-01\",\"ids\":[1,2]}"),
            Optional.empty()));
  }

  @Test
  void ofWhenNoTemplateAndManyArgumentsThenFourAndHowManyMore() {
    assertEquals(
        "demo-agent wants to run delete_orders on shop: a 1, b yes, c x, d 4 and 2 more",
        CallSummary.of(
            call("{\"f\":6,\"e\":5,\"d\":4,\"c\":\"x\",\"b\":true,\"a\":1}"), Optional.empty()));
  }

  @Test
  void ofWhenNoTemplateAndNoScalarArgumentsThenTheDescriptionsFirstSentence() {
    assertEquals(
        "demo-agent wants to run delete_orders on shop: Deletes orders.",
        CallSummary.of(call("{\"ids\":[1]}"), Optional.empty()));
    assertEquals(
        "demo-agent wants to run delete_orders on shop.",
        CallSummary.of(call("{}", Json.createObjectBuilder().build()), Optional.empty()));
  }

  private static ToolCall call(String arguments) {
    return call(
        arguments,
        Json.createObjectBuilder().add("description", "Deletes orders. Really.").build());
  }

  private static ToolCall call(String arguments, JsonObject definition) {
    return TestToolCalls.call("demo-agent", "delete_orders", arguments, definition);
  }

  private static String summary(String template, String arguments) {
    return CallSummary.of(call(arguments), Optional.of(SummaryTemplate.of(template)));
  }
}
