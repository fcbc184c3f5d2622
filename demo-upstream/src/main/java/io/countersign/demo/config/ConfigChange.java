package io.countersign.demo.config;

import java.util.Optional;

/**
 * What {@code update_config} changed.
 *
 * @param previousValue the value before, or empty when the key is new
 */
public record ConfigChange(
    String environment, String key, String value, Optional<String> previousValue) {}
