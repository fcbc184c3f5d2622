package io.countersign.ciba.provider;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import java.util.List;
import java.util.Map;

/** The {@code application/x-www-form-urlencoded} parameters of a request; none when unreadable. */
final class FormBody {

  private FormBody() {}

  static Map<String, List<String>> parameters(HTTPRequest http) {
    try {
      return http.getBodyAsFormParameters();
    } catch (ParseException e) {
      return Map.of();
    }
  }
}
