package io.countersign.tenant;

/**
 * How a tenant's approvers prove who they are when they decide held calls ({@code tenant.approvers}
 * in the bundle).
 *
 * @param password approvers may sign in with their password: in the approver app (to enrol a first
 *     passkey) and on the HTTP Basic decision API. Without it, passkeys are the only way in, and a
 *     first passkey is enrolled through an invitation link.
 * @param deviceBoundVotes every vote must be a WebAuthn assertion of an enrolled, unrevoked device
 *     of the approver: the HTTP Basic decision API may still list and read requests but refuses
 *     votes. Always true when {@code password} is false, since then no unsigned way in is left.
 */
public record ApproverSignIn(boolean password, boolean deviceBoundVotes) {

  /**
   * What a tenant without the section gets: passwords allowed (to enrol a first passkey), but every
   * vote device-bound. A tenant whose approvers are programs opts out with {@code deviceBoundVotes:
   * optional}.
   */
  public static final ApproverSignIn DEFAULT = new ApproverSignIn(true, true);

  public ApproverSignIn {
    if (!password && !deviceBoundVotes) {
      throw new IllegalArgumentException("without passwords every vote is device-bound");
    }
  }

  /** Passkeys only: no password anywhere, every vote device-bound. */
  public static ApproverSignIn passkeysOnly() {
    return new ApproverSignIn(false, true);
  }

  public boolean isDefault() {
    return equals(DEFAULT);
  }
}
