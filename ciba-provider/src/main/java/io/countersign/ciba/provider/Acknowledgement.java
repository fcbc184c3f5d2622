package io.countersign.ciba.provider;

import com.nimbusds.oauth2.sdk.ErrorObject;
import java.util.Optional;

/** What the backchannel authentication endpoint answers (CIBA Core 1.0, sections 7.3 and 13). */
public sealed interface Acknowledgement {

  /** 200: the request is open; {@code interval} is absent for push clients, which never poll. */
  record Accepted(String authReqId, long expiresIn, Optional<Integer> interval)
      implements Acknowledgement {}

  record Refused(ErrorObject error) implements Acknowledgement {}
}
