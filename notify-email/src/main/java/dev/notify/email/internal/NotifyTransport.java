package dev.notify.email.internal;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Angus Mail's SMTP transport, created directly rather than looked up through the session's
 * provider registry (which fails in shaded jars, angus-mail #85), and told apart at one point:
 * whether the final {@code "."} of DATA went out. Before it the server cannot have taken the
 * message, so a lost connection is safe to retry on a new one; after it, nobody knows.
 */
final class NotifyTransport extends SMTPTransport {
  private boolean terminatorSent;
  private volatile boolean open;
  private long idleSince = System.nanoTime();

  NotifyTransport(Session session, boolean ssl) {
    super(session, new URLName(ssl ? "smtps" : "smtp", null, -1, null, null, null),
        ssl ? "smtps" : "smtp", ssl);
  }

  /**
   * Sends one message to its recipients, remembering whether DATA was ended.
   *
   * @param message the message, changes saved
   * @param recipients the envelope recipients
   * @throws MessagingException as Angus throws it
   */
  synchronized void send(MimeMessage message, Address[] recipients) throws MessagingException {
    terminatorSent = false;
    try {
      sendMessage(message, recipients);
    } finally {
      idleSince = System.nanoTime();
    }
  }

  @Override
  protected synchronized void finishData() throws IOException, MessagingException {
    terminatorSent = true;
    super.finishData();
  }

  @Override
  protected void setConnected(boolean connected) {
    open = connected;
    super.setConnected(connected);
  }

  /**
   * {@return whether the connection is open as far as this side knows}: no NOOP round trip,
   * unlike {@link #isConnected()}. Angus closes the connection on every I/O error and keeps it
   * after an error reply (with RSET), so after a send this tells whether to reuse it.
   */
  boolean open() {
    return open;
  }

  /** {@return true if the last send ended DATA: its outcome is unknown if no reply came} */
  synchronized boolean terminatorSent() {
    return terminatorSent;
  }

  /** {@return nanoseconds since the last send ended} */
  synchronized long idleNanos() {
    return System.nanoTime() - idleSince;
  }
}
