package io.countersign.tenant.summary;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A piece of a {@link SummaryTemplate}: text as written, or a placeholder for a value. */
public sealed interface TemplatePart {

  /** Text shown as it is (escaped braces already resolved). */
  record Literal(String text) implements TemplatePart {
    public Literal {
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * {@code {args.to}}, {@code {args.order.id|count}}, {@code {agent}}, {@code {tool}} or {@code
   * {upstream}}: a value of the call, optionally passed through a filter.
   *
   * @param root what the placeholder reads
   * @param path the members (or array indexes) below {@code args}; empty for the other roots
   * @param filter how the value is shown instead of as itself, if at all
   */
  record Placeholder(Root root, List<String> path, Optional<Filter> filter)
      implements TemplatePart {
    public Placeholder {
      Objects.requireNonNull(root, "root");
      path = List.copyOf(path);
      Objects.requireNonNull(filter, "filter");
    }
  }

  /** What a placeholder reads. */
  enum Root {
    /** The call's arguments: needs a path, e.g. {@code args.order.id}. */
    ARGS,
    /** The agent's name. */
    AGENT,
    /** The tool's name at its upstream. */
    TOOL,
    /** The upstream's name. */
    UPSTREAM;

    /** The word in templates. */
    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** A filter after {@code |}. */
  enum Filter {
    /**
     * How many: the items of an array, the members of an object, 0 for a missing value or null, 1
     * for any other value.
     */
    COUNT;

    /** The word in templates. */
    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
