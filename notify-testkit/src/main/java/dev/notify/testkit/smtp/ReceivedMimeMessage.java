package dev.notify.testkit.smtp;

import dev.notify.testkit.ReceivedMessage;
import jakarta.mail.internet.MimeMessage;

/**
 * One message {@link GreenMailSmtpPeer} received, for one recipient, parsed by GreenMail.
 *
 * @param address the RCPT TO address
 * @param message the message as GreenMail stored it: read its parts, headers and encodings
 */
public record ReceivedMimeMessage(String address, MimeMessage message)
    implements ReceivedMessage {

  /** {@return true: GreenMail accepts every message} */
  @Override
  public boolean accepted() {
    return true;
  }
}
