package io.countersign.ciba.notify;

import java.time.Instant;

/**
 * The text of an invitation e-mail: the link that enrols the approver's first passkey. The tenant's
 * display name is the only value from a bundle in it, and it never reaches the subject with a line
 * break.
 */
final class InvitationMail {

  private InvitationMail() {}

  static String subject(String tenantName) {
    return "[Countersign] Enrol your device to approve for "
        + tenantName.replaceAll("\\p{Cntrl}", " ");
  }

  static String body(String tenantName, String link, Instant expiresAt) {
    return "You were invited to approve AI agents' tool calls for "
        + tenantName
        + ".\n\nOpen this link on the phone you will approve with, and create a passkey there:\n\n  "
        + link
        + "\n\nThe link works once, until "
        + expiresAt
        + ". Do not forward it: whoever opens it first enrols their device in your name. If you"
        + " did not expect it, tell your administrator.\n\n"
        + "Countersign never asks for your password or a code by e-mail.\n";
  }
}
