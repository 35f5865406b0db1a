package dev.notify.examples;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** What the demo's email step reads on GreenMail's side, and the bounce a mailbox would get. */
final class DemoMail {
  private DemoMail() {
  }

  /** {@return the message as it went over the wire} */
  static String raw(MimeMessage m) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      m.writeTo(out);
      return out.toString(StandardCharsets.UTF_8);
    } catch (IOException | MessagingException e) {
      return e.toString();
    }
  }

  /** {@return a header's value, or empty} */
  static String header(MimeMessage m, String name) {
    try {
      String v = m.getHeader(name, ", ");
      return v == null ? "" : v;
    } catch (MessagingException e) {
      return e.toString();
    }
  }

  /**
   * {@return the delivery status notification a receiving server sends back days later for a
   * mailbox that no longer exists (RFC 3464, as Postfix writes it), quoting the Message-ID}
   */
  static InputStream hardBounce(String recipient, String messageId) {
    String dsn = String.join("\r\n",
        "From: MAILER-DAEMON@mx.example.org",
        "To: shop@example.com",
        "Subject: Undelivered Mail Returned to Sender",
        "MIME-Version: 1.0",
        "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"",
        "",
        "--B",
        "Content-Type: text/plain; charset=us-ascii",
        "",
        "Your message could not be delivered.",
        "",
        "--B",
        "Content-Type: message/delivery-status",
        "",
        "Reporting-MTA: dns; mx.example.org",
        "",
        "Final-Recipient: rfc822; " + recipient,
        "Action: failed",
        "Status: 5.1.1",
        "Diagnostic-Code: smtp; 550 5.1.1 User unknown",
        "",
        "--B",
        "Content-Type: text/rfc822-headers",
        "",
        "From: Example Shop <shop@example.com>",
        "To: " + recipient,
        "Message-ID: " + messageId,
        "",
        "--B--",
        "");
    return new ByteArrayInputStream(dsn.getBytes(StandardCharsets.US_ASCII));
  }
}
