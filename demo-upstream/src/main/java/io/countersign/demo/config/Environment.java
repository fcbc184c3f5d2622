package io.countersign.demo.config;

import java.util.Set;

/** The environments that hold configuration keys. */
public final class Environment {

  public static final Set<String> ALL = Set.of("dev", "staging", "production");

  private Environment() {}
}
