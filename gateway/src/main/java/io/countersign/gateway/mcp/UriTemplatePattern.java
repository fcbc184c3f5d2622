package io.countersign.gateway.mcp;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a resource URI is one a resource template (RFC 6570) can produce, so that {@code
 * resources/read} of such a URI goes to the upstream that listed the template. Literal parts must
 * match exactly; a simple expression ({@code {id}}) matches one path segment, a reserved one
 * ({@code {+path}}, {@code {#frag}}) anything, and the prefixed forms their own prefix.
 */
final class UriTemplatePattern {

  private static final Pattern EXPRESSION = Pattern.compile("\\{([+#./;?&]?)[^}]*}");

  private final Pattern pattern;

  private UriTemplatePattern(Pattern pattern) {
    this.pattern = pattern;
  }

  static UriTemplatePattern of(String template) {
    StringBuilder regex = new StringBuilder();
    Matcher expression = EXPRESSION.matcher(template);
    int at = 0;
    while (expression.find()) {
      regex.append(Pattern.quote(template.substring(at, expression.start())));
      regex.append(
          switch (expression.group(1)) {
            case "+", "#" -> ".*";
            case "." -> "(?:\\.[^/?#]*)*";
            case "/" -> "(?:/[^/?#]*)*";
            case ";" -> "(?:;[^/?#]*)*";
            case "?" -> "(?:\\?[^#]*)?";
            case "&" -> "(?:&[^#]*)?";
            default -> "[^/?#]+";
          });
      at = expression.end();
    }
    regex.append(Pattern.quote(template.substring(at)));
    return new UriTemplatePattern(Pattern.compile(regex.toString()));
  }

  boolean matches(String uri) {
    return pattern.matcher(uri).matches();
  }
}
