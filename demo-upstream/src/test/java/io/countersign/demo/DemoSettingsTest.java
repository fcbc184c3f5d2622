package io.countersign.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DemoSettingsTest {

  private static DemoSettings settings(Map<String, String> properties) {
    return DemoSettings.from(name -> Optional.ofNullable(properties.get(name)));
  }

  @Test
  void fromWhenNothingIsConfiguredThenInert() {
    DemoSettings settings = settings(Map.of());

    assertFalse(settings.enabled());
    assertEquals(Optional.empty(), settings.upstreamToken());
    assertTrue(settings.sandbox().endsWith("demo-sandbox"));
  }

  @Test
  void fromWhenEnabledTokenAndSandboxThenRead() {
    DemoSettings settings =
        settings(
            Map.of(
                DemoSettings.ENABLED, "true",
                DemoSettings.UPSTREAM_TOKEN, "t0ken",
                DemoSettings.SANDBOX, "/srv/demo/../sandbox"));

    assertTrue(settings.enabled());
    assertEquals(Optional.of("t0ken"), settings.upstreamToken());
    assertEquals(Path.of("/srv/sandbox"), settings.sandbox());
  }

  @Test
  void fromWhenEnabledIsNotTrueThenOff() {
    assertFalse(settings(Map.of(DemoSettings.ENABLED, "false")).enabled());
    assertFalse(settings(Map.of(DemoSettings.ENABLED, "maybe")).enabled());
    assertTrue(settings(Map.of(DemoSettings.ENABLED, "TRUE")).enabled());
  }

  @Test
  void fromWhenTokenIsBlankThenNoToken() {
    assertEquals(
        Optional.empty(), settings(Map.of(DemoSettings.UPSTREAM_TOKEN, "  ")).upstreamToken());
  }

  @Test
  void toStringNeverShowsTheToken() {
    String text = settings(Map.of(DemoSettings.UPSTREAM_TOKEN, "t0ken")).toString();

    assertFalse(text.contains("t0ken"));
    assertTrue(text.contains("upstreamToken=(set)"));
  }
}
