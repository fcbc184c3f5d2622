package io.countersign.ciba.device;

import java.util.Locale;

/** What a WebAuthn challenge was handed out for; it is good for nothing else. */
public enum ChallengePurpose {
  /** Registering a new passkey (device enrolment). */
  ENROL,
  /** Signing in to the approver app. */
  SIGN_IN,
  /** Signing one decision on one request. */
  DECISION;

  String column() {
    return name().toLowerCase(Locale.ROOT);
  }
}
