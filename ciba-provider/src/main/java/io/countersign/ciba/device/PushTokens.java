package io.countersign.ciba.device;

import java.util.List;
import java.util.UUID;

/** The push tokens of approvers' devices that are enrolled and not revoked. */
public interface PushTokens {

  /** The tokens of {@code email}'s active devices in the tenant; empty when there are none. */
  List<PushToken> of(String tenantId, String email);

  /**
   * Drops a token FCM no longer knows (UNREGISTERED): the device stays enrolled for sign-in and
   * decisions, and gets pushes again once the app registers a new token.
   */
  void forget(String tenantId, UUID deviceId);
}
