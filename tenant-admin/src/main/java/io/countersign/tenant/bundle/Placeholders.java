package io.countersign.tenant.bundle;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} in scalar values with deployment values (secrets, URLs), so a bundle can
 * be committed without them. {@code $${} writes a literal {@code ${}.
 */
final class Placeholders {

  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\$(\\$?)\\{([A-Za-z_][A-Za-z0-9_]*)}");

  private Placeholders() {}

  /** The result of substituting: the text, and the names that had no value. */
  record Substitution(String text, List<String> undefined) {}

  static Substitution substitute(String text, Map<String, String> variables) {
    if (text.indexOf('$') < 0) {
      return new Substitution(text, List.of());
    }
    List<String> undefined = new ArrayList<>();
    Matcher matcher = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String name = matcher.group(2);
      String replacement;
      if (!matcher.group(1).isEmpty()) {
        replacement = "${" + name + "}"; // escaped
      } else if (variables.containsKey(name)) {
        replacement = variables.get(name);
      } else {
        undefined.add(name);
        replacement = matcher.group();
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(out);
    return new Substitution(out.toString(), undefined);
  }
}
