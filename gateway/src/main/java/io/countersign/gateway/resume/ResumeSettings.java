package io.countersign.gateway.resume;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How long and how much of a stream the gateway keeps for a client to resume (MicroProfile Config;
 * defaults documented in docs/operations.md). Durations are ISO-8601.
 */
@ApplicationScoped
public class ResumeSettings {

  /** How long a stream without a connection is kept after its last event. */
  @Inject
  @ConfigProperty(name = "countersign.mcp.resume.keep", defaultValue = "PT5M")
  Duration keep;

  /** How many message events of one stream are kept; older ones are dropped. */
  @Inject
  @ConfigProperty(name = "countersign.mcp.resume.max-events", defaultValue = "1000")
  int maxEvents;

  /** How many streams of one session are kept; the least recently used one goes first. */
  @Inject
  @ConfigProperty(name = "countersign.mcp.resume.max-streams", defaultValue = "100")
  int maxStreams;

  /** The SSE {@code retry} the gateway sends: how long a client waits before it reconnects. */
  @Inject
  @ConfigProperty(name = "countersign.mcp.resume.retry", defaultValue = "PT1S")
  Duration retry;

  public ResumeSettings() {}

  /** Settings with these values (tests). */
  public ResumeSettings(Duration keep, int maxEvents, int maxStreams, Duration retry) {
    this.keep = keep;
    this.maxEvents = maxEvents;
    this.maxStreams = maxStreams;
    this.retry = retry;
  }

  public Duration keep() {
    return keep;
  }

  public int maxEvents() {
    return maxEvents;
  }

  public int maxStreams() {
    return maxStreams;
  }

  public Duration retry() {
    return retry;
  }
}
