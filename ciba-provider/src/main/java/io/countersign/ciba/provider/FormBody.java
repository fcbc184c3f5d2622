package io.countersign.ciba.provider;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code application/x-www-form-urlencoded} parameters of a request. */
final class FormBody {

  private FormBody() {}

  /** The first value of a parameter, when it has a non-empty one. */
  static Optional<String> single(Map<String, List<String>> parameters, String name) {
    List<String> values = parameters.get(name);
    return values == null || values.isEmpty() || values.get(0).isEmpty()
        ? Optional.empty()
        : Optional.of(values.get(0));
  }

  static Map<String, List<String>> parameters(HTTPRequest http) {
    try {
      return http.getBodyAsFormParameters();
    } catch (ParseException e) {
      return Map.of();
    }
  }
}
