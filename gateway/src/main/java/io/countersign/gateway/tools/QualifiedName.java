package io.countersign.gateway.tools;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A tool (or prompt) name as agents see it: {@code <upstream>__<name>}. Upstream names cannot
 * contain {@code __}, so the first separator splits the name unambiguously, and the result stays
 * within the tool-name rules of MCP 2025-11-25 ("Tool Names": 1–128 of A–Z a–z 0–9 _ - .).
 */
public record QualifiedName(String upstream, String name) {

  public static final String SEPARATOR = "__";
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_.\\-]{1,128}");

  /** The qualified form, if it is a valid tool name. */
  public Optional<String> qualified() {
    String qualified = upstream + SEPARATOR + name;
    return VALID.matcher(qualified).matches() ? Optional.of(qualified) : Optional.empty();
  }

  public static Optional<QualifiedName> parse(String qualified) {
    int at = qualified.indexOf(SEPARATOR);
    if (at <= 0 || at + SEPARATOR.length() >= qualified.length()) {
      return Optional.empty();
    }
    return Optional.of(
        new QualifiedName(
            qualified.substring(0, at), qualified.substring(at + SEPARATOR.length())));
  }
}
