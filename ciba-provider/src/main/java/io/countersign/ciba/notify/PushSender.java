package io.countersign.ciba.notify;

import com.google.firebase.messaging.AndroidConfig;
import com.google.firebase.messaging.ApnsConfig;
import com.google.firebase.messaging.Aps;
import com.google.firebase.messaging.FirebaseMessaging;
import com.google.firebase.messaging.FirebaseMessagingException;
import com.google.firebase.messaging.Message;
import com.google.firebase.messaging.MessagingErrorCode;
import com.google.firebase.messaging.Notification;
import com.google.firebase.messaging.WebpushConfig;
import io.countersign.ciba.device.PushToken;
import io.countersign.ciba.device.PushTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Pushes a notice to each enrolled device of an approver through FCM HTTP v1: a notification
 * (title, the summary cut short) that wakes the device, and data that opens the request in the
 * approver app. It lives as long as the request (Android TTL, {@code apns-expiration}, Web Push
 * TTL) at high priority. A token FCM no longer knows is forgotten. Tokens are never logged or put
 * in a reason.
 */
public final class PushSender {

  /** Longest summary in a push body; lock screens show little more. */
  static final int BODY_LENGTH = 120;

  private final FirebaseMessaging messaging;
  private final PushTokens tokens;

  public PushSender(FirebaseMessaging messaging, PushTokens tokens) {
    this.messaging = Objects.requireNonNull(messaging, "messaging");
    this.tokens = Objects.requireNonNull(tokens, "tokens");
  }

  /** Pushes to every device of {@code email}; sent when at least one device took it. */
  public NoticeOutcome send(String email, ApproverNotice notice, Instant now) {
    Duration left = notice.timeLeft(now);
    if (left.isZero()) {
      return new NoticeOutcome.Skipped("the request has expired");
    }
    List<PushToken> devices = tokens.of(notice.tenant(), email);
    if (devices.isEmpty()) {
      return new NoticeOutcome.Skipped("no device with push");
    }
    int sent = 0;
    int forgotten = 0;
    List<String> failures = new ArrayList<>();
    boolean retryable = false;
    for (PushToken device : devices) {
      try {
        messaging.send(message(device.token(), notice, left));
        sent++;
      } catch (FirebaseMessagingException e) {
        MessagingErrorCode code = e.getMessagingErrorCode();
        if (gone(code)) {
          tokens.forget(notice.tenant(), device.deviceId());
          forgotten++;
        } else {
          retryable |= retryable(code);
          failures.add("device " + device.deviceId() + ": " + (code == null ? "no answer" : code));
        }
      }
    }
    if (sent > 0) {
      return new NoticeOutcome.Sent();
    }
    if (failures.isEmpty()) {
      return new NoticeOutcome.Skipped(
          "FCM no longer knows the token of " + forgotten + " device(s): forgotten");
    }
    return new NoticeOutcome.Failed("FCM refused " + String.join("; ", failures), retryable);
  }

  /** The message for one device. */
  static Message message(String token, ApproverNotice notice, Duration left) {
    Map<String, String> data =
        Map.of(
            "tenant", notice.tenant(),
            "request_id", notice.requestId().toString(),
            "url", notice.path(),
            "kind", notice.kind().word());
    return Message.builder()
        .setToken(token)
        .setNotification(
            Notification.builder()
                .setTitle(notice.kind().title())
                .setBody(notice.summaryLine(BODY_LENGTH))
                .build())
        .putAllData(data)
        .setAndroidConfig(
            AndroidConfig.builder()
                .setPriority(AndroidConfig.Priority.HIGH)
                .setTtl(left.toMillis())
                .build())
        .setApnsConfig(
            ApnsConfig.builder()
                .putHeader("apns-priority", "10")
                .putHeader("apns-expiration", Long.toString(notice.expiresAt().getEpochSecond()))
                .setAps(Aps.builder().setSound("default").build())
                .build())
        .setWebpushConfig(
            WebpushConfig.builder()
                .putHeader("TTL", Long.toString(left.toSeconds()))
                .putHeader("Urgency", "high")
                .build())
        .build();
  }

  // FCM HTTP v1: UNREGISTERED (404) is a token the app instance no longer has; INVALID_ARGUMENT
  // (400) for a registration token means it is malformed. Neither will ever work again.
  private static boolean gone(MessagingErrorCode code) {
    return code == MessagingErrorCode.UNREGISTERED || code == MessagingErrorCode.INVALID_ARGUMENT;
  }

  // UNAVAILABLE (503), INTERNAL (500), QUOTA_EXCEEDED (429) and no answer at all may pass.
  private static boolean retryable(MessagingErrorCode code) {
    return code == null
        || code == MessagingErrorCode.UNAVAILABLE
        || code == MessagingErrorCode.INTERNAL
        || code == MessagingErrorCode.QUOTA_EXCEEDED;
  }
}
