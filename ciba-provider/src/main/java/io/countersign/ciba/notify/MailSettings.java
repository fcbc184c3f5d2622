package io.countersign.ciba.notify;

import java.util.Objects;
import java.util.Optional;

/**
 * How e-mail leaves: the SMTP server and the sender address ({@code countersign.mail.*}). {@link
 * #toString()} hides the password.
 *
 * @param starttls whether the connection must be upgraded with STARTTLS before anything is sent
 */
public record MailSettings(
    String host,
    int port,
    Optional<String> username,
    Optional<String> password,
    boolean starttls,
    String from) {

  public MailSettings {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(from, "from");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be from 1 to 65535");
    }
  }

  @Override
  public String toString() {
    return "MailSettings["
        + host
        + ":"
        + port
        + (username.isPresent() ? ", as " + username.get() : "")
        + (starttls ? ", STARTTLS" : ", no STARTTLS")
        + ", from "
        + from
        + "]";
  }
}
