package io.countersign.web.platform;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Live while the JVM has memory to spare: restart the node when it runs out. */
@Liveness
@ApplicationScoped
public class LivenessCheck implements HealthCheck {

  private static final double MAX_HEAP_USED = 0.95;

  @Override
  public HealthCheckResponse call() {
    Runtime runtime = Runtime.getRuntime();
    long used = runtime.totalMemory() - runtime.freeMemory();
    double share = (double) used / runtime.maxMemory();
    return HealthCheckResponse.named("heap")
        .withData("usedShare", String.format("%.2f", share))
        .status(share < MAX_HEAP_USED)
        .build();
  }
}
