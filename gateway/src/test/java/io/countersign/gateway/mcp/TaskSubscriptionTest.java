package io.countersign.gateway.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.countersign.gateway.jsonrpc.Jsonp;
import io.countersign.gateway.upstream.UpstreamStream;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskSubscriptionTest {

  private static final Instant LATER = Instant.now().plusSeconds(60);

  @Test
  void notifyWhenTheStateChangesThenEachStateOnceNamingTheSubscription() {
    var subscription = new TaskSubscription(Jsonp.createValue(4), List.of("t1", "t2"), LATER);
    subscription.acknowledge(SubscriptionFilter.acknowledged(true, List.of("t1", "t2")));
    subscription.notify("t1", task("t1", "working"));
    subscription.notify("t1", task("t1", "working"));
    subscription.notify("other", task("other", "working"));
    subscription.notify("t1", task("t1", "input_required"));

    JsonObject ack = next(subscription);
    assertEquals("notifications/subscriptions/acknowledged", ack.getString("method"));
    assertEquals(
        4,
        ack.getJsonObject("params")
            .getJsonObject("_meta")
            .getInt(TaskSubscription.SUBSCRIPTION_ID));
    JsonObject working = next(subscription);
    assertEquals("notifications/tasks", working.getString("method"));
    assertEquals("working", working.getJsonObject("params").getString("status"));
    assertFalse(working.getJsonObject("params").containsKey("resultType"));
    assertEquals(
        4,
        working
            .getJsonObject("params")
            .getJsonObject("_meta")
            .getInt(TaskSubscription.SUBSCRIPTION_ID));
    assertEquals("input_required", next(subscription).getJsonObject("params").getString("status"));
    assertInstanceOf(
        UpstreamStream.IdleTimeout.class, subscription.stream().next(Duration.ofMillis(10)));
  }

  @Test
  void notifyWhenEveryTaskEndedThenTheSubscriptionEndsGracefully() {
    var subscription = new TaskSubscription(Jsonp.createValue("s"), List.of("t1"), LATER);
    subscription.acknowledge(SubscriptionFilter.acknowledged(true, List.of("t1")));
    subscription.notify("t1", task("t1", "completed"));
    subscription.notify("t1", task("t1", "failed"));
    next(subscription);
    assertEquals("completed", next(subscription).getJsonObject("params").getString("status"));
    JsonObject end = next(subscription);
    assertEquals("s", end.getString("id"));
    assertEquals("complete", end.getJsonObject("result").getString("resultType"));
    assertEquals(
        "s",
        end.getJsonObject("result")
            .getJsonObject("_meta")
            .getString(TaskSubscription.SUBSCRIPTION_ID));
    assertTrue(subscription.ended());
  }

  @Test
  void acknowledgeWhenNothingIsFollowedThenTheStreamEndsAfterTheAcknowledgment() {
    var subscription = new TaskSubscription(Jsonp.createValue(1), List.of(), LATER);
    subscription.acknowledge(SubscriptionFilter.acknowledged(true, List.of()));
    next(subscription);
    assertTrue(next(subscription).containsKey("result"));
  }

  @Test
  void endIfDueWhenTheTimeIsUpThenItEnds() {
    var subscription = new TaskSubscription(Jsonp.createValue(1), List.of("t1"), Instant.now());
    assertFalse(subscription.ended());
    assertTrue(subscription.endIfDue(Instant.now().plusMillis(1)));
  }

  private static JsonObject task(String id, String status) {
    return Jsonp.createObjectBuilder()
        .add("taskId", id)
        .add("status", status)
        .add("resultType", "complete")
        .build();
  }

  private static JsonObject next(TaskSubscription subscription) {
    var next = subscription.stream().next(Duration.ofSeconds(1));
    String data = ((UpstreamStream.Event) next).event().data();
    return Jsonp.createReader(new StringReader(data)).readObject();
  }
}
