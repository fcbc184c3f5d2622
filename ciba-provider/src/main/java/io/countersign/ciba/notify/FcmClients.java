package io.countersign.ciba.notify;

import com.google.api.client.http.HttpTransport;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.firebase.FirebaseApp;
import com.google.firebase.FirebaseOptions;
import com.google.firebase.messaging.FirebaseMessaging;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * FCM clients, one named {@link FirebaseApp} per service account, made once: the Admin SDK keeps
 * apps in a JVM-wide registry, and a second app of the same name is an error.
 */
public final class FcmClients {

  private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
  private static final int READ_TIMEOUT_MILLIS = 10_000;

  private FcmClients() {}

  /** The client of the service account whose JSON key is at {@code keyFile}. */
  public static FirebaseMessaging forKeyFile(Path keyFile) throws IOException {
    GoogleCredentials credentials;
    try (InputStream in = Files.newInputStream(keyFile)) {
      credentials = GoogleCredentials.fromStream(in);
    }
    if (!(credentials instanceof ServiceAccountCredentials account)) {
      throw new IOException("not a service account key (\"type\": \"service_account\")");
    }
    if (account.getProjectId() == null) {
      throw new IOException("the service account key names no project_id");
    }
    return forCredentials(
        "countersign-fcm-" + account.getClientEmail(),
        credentials,
        account.getProjectId(),
        Optional.empty());
  }

  /**
   * The client of {@code name}, made with these credentials and project on first use.
   *
   * @param transport the HTTP transport (tests reach a fake FCM server through one); empty: the
   *     SDK's default
   */
  public static synchronized FirebaseMessaging forCredentials(
      String name,
      GoogleCredentials credentials,
      String projectId,
      Optional<HttpTransport> transport) {
    FirebaseApp app =
        FirebaseApp.getApps().stream()
            .filter(a -> a.getName().equals(name))
            .findFirst()
            .orElseGet(
                () -> {
                  FirebaseOptions.Builder options =
                      FirebaseOptions.builder()
                          .setCredentials(credentials)
                          .setProjectId(projectId)
                          .setConnectTimeout(CONNECT_TIMEOUT_MILLIS)
                          .setReadTimeout(READ_TIMEOUT_MILLIS);
                  transport.ifPresent(options::setHttpTransport);
                  return FirebaseApp.initializeApp(options.build(), name);
                });
    return FirebaseMessaging.getInstance(app);
  }
}
