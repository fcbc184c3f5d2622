package io.countersign.it;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * The SMTP server the server under test sends its e-mail to ({@code countersign.mail.smtp.*} in the
 * build): GreenMail on 127.0.0.1:{@code it.smtp.port}, started once for the whole test run, so that
 * every held call's notices are taken, and read by the tests that check them.
 */
final class MailCatcher {

  private static final Logger LOG = Logger.getLogger(MailCatcher.class.getName());
  private static GreenMail mail;

  private MailCatcher() {}

  /** A received message, decoded. */
  record Mail(String to, String subject, String body) {}

  /** Starts the server unless it runs; another run holding the port is logged, not fatal. */
  static synchronized void ensureStarted() {
    if (mail != null) {
      return;
    }
    int port = Integer.parseInt(System.getProperty("it.smtp.port", "9025"));
    ServerSetup setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
    setup.setServerStartupTimeout(30_000); // a loaded 2-core machine needs more than 2 s
    GreenMail server = new GreenMail(setup);
    try {
      server.start();
      mail = server;
    } catch (RuntimeException e) {
      server.stop();
      LOG.warning("SMTP sink on port " + port + " not started: " + e.getMessage());
    }
  }

  /** Waits up to {@code timeout} for a message to {@code to} that {@code which} accepts. */
  static Mail await(String to, Predicate<Mail> which, Duration timeout) throws Exception {
    ensureStarted();
    if (mail == null) {
      throw new AssertionError("the SMTP sink is not running (port taken?)");
    }
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      Optional<Mail> found =
          received().stream().filter(m -> m.to().equals(to)).filter(which).findFirst();
      if (found.isPresent()) {
        return found.get();
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no matching e-mail to " + to + " within " + timeout);
  }

  private static List<Mail> received() throws MessagingException, IOException {
    List<Mail> all = new java.util.ArrayList<>();
    for (Message message : mail.getReceivedMessages()) {
      String to =
          Arrays.stream(message.getAllRecipients()).map(Object::toString).findFirst().orElse("");
      all.add(new Mail(to, message.getSubject(), String.valueOf(message.getContent())));
    }
    return all;
  }
}
