package io.countersign.gateway.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.gateway.jsonrpc.Jsonp;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubscriptionFilterTest {

  @Test
  void parseWhenTaskIdsThenTheyAreKeptInOrderOnce() {
    var filter =
        SubscriptionFilter.parse(json("{\"notifications\":{\"taskIds\":[\"b\",\"a\",\"b\"]}}"));
    assertTrue(filter.asksForTasks());
    assertEquals(List.of("b", "a"), filter.taskIds());
  }

  @Test
  void parseWhenOnlyCoreKindsThenNoTasksAreAskedFor() {
    var filter =
        SubscriptionFilter.parse(
            json(
                "{\"notifications\":{\"toolsListChanged\":true,\"resourceSubscriptions\":[\"f\"]}}"));
    assertFalse(filter.asksForTasks());
    assertTrue(filter.taskIds().isEmpty());
  }

  @Test
  void parseWhenBadShapesThenEachSaysWhatIsWrong() {
    assertRefused("{}", "'notifications' must be an object");
    assertRefused("{\"notifications\":[]}", "'notifications' must be an object");
    assertRefused(
        "{\"notifications\":{\"everything\":true}}", "unknown subscription kind 'everything'");
    assertRefused("{\"notifications\":{\"toolsListChanged\":\"yes\"}}", "must be a boolean");
    assertRefused("{\"notifications\":{\"resourceSubscriptions\":[1]}}", "an array of strings");
    assertRefused("{\"notifications\":{\"taskIds\":\"a\"}}", "must be an array");
    assertRefused("{\"notifications\":{\"taskIds\":[1]}}", "strings only");
    var many = new StringBuilder("{\"notifications\":{\"taskIds\":[");
    for (int i = 0; i <= SubscriptionFilter.MAX_TASK_IDS; i++) {
      many.append(i == 0 ? "" : ",").append('"').append(i).append('"');
    }
    assertRefused(many.append("]}}").toString(), "more than 100 tasks");
  }

  @Test
  void acknowledgedWhenTasksAskedThenOnlyTheFollowedIds() {
    assertEquals(
        "{\"taskIds\":[\"cs-task-a\"]}",
        SubscriptionFilter.acknowledged(true, List.of("cs-task-a")).toString());
    assertEquals("{}", SubscriptionFilter.acknowledged(false, List.of()).toString());
  }

  private static void assertRefused(String params, String why) {
    var refused =
        assertThrows(IllegalArgumentException.class, () -> SubscriptionFilter.parse(json(params)));
    assertTrue(refused.getMessage().contains(why), refused.getMessage());
  }

  private static JsonObject json(String text) {
    return Jsonp.createReader(new StringReader(text)).readObject();
  }
}
