package io.countersign.ciba.notify;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * {@code countersign.notifications} in {@code /metrics}: notices by channel ({@code push}, {@code
 * email}, {@code webhook}) and outcome ({@code sent}, {@code skipped}, {@code retry}, {@code
 * failed}).
 */
@ApplicationScoped
public class NotificationMetrics {

  static final Metadata METADATA =
      Metadata.builder()
          .withName("countersign.notifications")
          .withDescription("Approver notification attempts, by channel and outcome")
          .build();

  @Inject MetricRegistry registry;

  public void count(Channel channel, String outcome) {
    registry
        .counter(METADATA, new Tag("channel", channel.word()), new Tag("outcome", outcome))
        .inc();
  }
}
