package io.countersign.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A 2026-07-28 {@code subscriptions/listen} stream of an agent, read message by message as the
 * gateway sends them. The gateway ends the stream itself (after its last followed task, or after
 * the hold time), so reading never waits longer than that.
 */
final class ListenStream implements AutoCloseable {

  static final String SUBSCRIPTION_ID = "io.modelcontextprotocol/subscriptionId";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  final HttpResponse<java.util.stream.Stream<String>> response;
  private final Iterator<String> lines;

  private ListenStream(HttpResponse<java.util.stream.Stream<String>> response) {
    this.response = response;
    this.lines = response.body().iterator();
  }

  /** Opens the agent's stream for these task ids, declaring the tasks extension. */
  static ListenStream open(String tenant, String key, int id, List<String> taskIds)
      throws Exception {
    var notifications =
        Json.createObjectBuilder().add("taskIds", Json.createArrayBuilder(taskIds)).build();
    return open(tenant, key, id, notifications, true);
  }

  /**
   * Opens a stream with this filter, from a client that declared the extension (and form
   * elicitation, as a client that answers tasks' input requests declares on every request) or not.
   */
  static ListenStream open(
      String tenant, String key, int id, JsonObject notifications, boolean declareTasks)
      throws Exception {
    var capabilities = Json.createObjectBuilder();
    if (declareTasks) {
      capabilities.add(
          "elicitation", Json.createObjectBuilder().add("form", JsonValue.EMPTY_JSON_OBJECT));
      capabilities.add(
          "extensions",
          Json.createObjectBuilder()
              .add("io.modelcontextprotocol/tasks", JsonValue.EMPTY_JSON_OBJECT));
    }
    JsonObject body =
        Json.createObjectBuilder()
            .add("jsonrpc", "2.0")
            .add("id", id)
            .add("method", "subscriptions/listen")
            .add(
                "params",
                Json.createObjectBuilder()
                    .add("notifications", notifications)
                    .add("_meta", TaskCalls.meta(capabilities.build())))
            .build();
    var request =
        HttpRequest.newBuilder(URI.create(ItEnvironment.baseUrl() + "/t/" + tenant + "/mcp"))
            .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
            .header("Content-Type", "application/json")
            .header("Accept", McpHttp.ACCEPT_BOTH)
            .header("Authorization", "Bearer " + key)
            .header("MCP-Protocol-Version", "2026-07-28")
            .header("Mcp-Method", "subscriptions/listen")
            .build();
    return new ListenStream(HTTP.send(request, HttpResponse.BodyHandlers.ofLines()));
  }

  /** The next message. */
  JsonObject next() {
    return McpHttp.nextMessage(lines);
  }

  /** Every message until the stream's response (included), which ends it. */
  List<JsonObject> untilEnd() {
    List<JsonObject> messages = new ArrayList<>();
    while (true) {
      JsonObject message = next();
      messages.add(message);
      if (!message.containsKey("method")) {
        return messages;
      }
    }
  }

  /** The whole body of a stream refused with a plain JSON answer. */
  JsonObject refusal() {
    StringBuilder body = new StringBuilder();
    lines.forEachRemaining(body::append);
    return Json.createReader(new java.io.StringReader(body.toString())).readObject();
  }

  @Override
  public void close() {
    response.body().close();
  }
}
