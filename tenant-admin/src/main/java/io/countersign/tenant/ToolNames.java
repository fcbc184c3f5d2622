package io.countersign.tenant;

import java.util.Locale;

/**
 * How a tenant's agents see the names of tools and prompts: {@code qualified} (the default) as
 * {@code <upstream>__<name>}, so that several upstreams never collide; {@code plain} as the
 * upstream names them, which a tenant with exactly one upstream may choose (clients and prompts
 * that name tools keep working unchanged behind the gateway).
 */
public enum ToolNames {
  QUALIFIED,
  PLAIN;

  /** The word in bundles and in the database. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ToolNames of(String word) {
    return "plain".equals(word) ? PLAIN : QUALIFIED;
  }
}
