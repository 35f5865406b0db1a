package dev.notify.email;

import static java.util.Objects.requireNonNull;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * Reads delivery status notifications (RFC 3464 {@code multipart/report;
 * report-type=delivery-status}), for hosts that read a bounce mailbox and record what arrives
 * through {@code client.recordReceipt(...)}:
 *
 * <pre>{@code
 * for (Bounce b : DsnParser.parse(message)) {
 *   if (b.originalMessageId() != null) {
 *     b.receipt(Instant.now()).ifPresent(r ->
 *         client.recordReceipt("email", b.originalMessageId(), r));
 *   }
 *   if (b.addressInvalid()) { ... drop the address from the directory ... }
 * }
 * }</pre>
 *
 * <p>Stateless and thread-safe; no I/O beyond reading the given message.
 */
public final class DsnParser {
  private DsnParser() {
  }

  /**
   * {@return one bounce per recipient the report names; empty if the message is no DSN}
   *
   * @param rawMessage the whole message as received (RFC 5322), read to the end, not closed
   * @throws IllegalArgumentException if the message cannot be read as MIME
   */
  public static List<Bounce> parse(InputStream rawMessage) {
    requireNonNull(rawMessage, "rawMessage");
    try {
      return parse(new MimeMessage(Session.getInstance(new Properties()), rawMessage));
    } catch (MessagingException e) {
      throw new IllegalArgumentException("not a MIME message: " + e.getMessage(), e);
    }
  }

  /**
   * {@return one bounce per recipient the report names; empty if the message is no DSN}
   *
   * @param message the received message
   * @throws IllegalArgumentException if its parts cannot be read
   */
  public static List<Bounce> parse(MimeMessage message) {
    requireNonNull(message, "message");
    try {
      ContentType type = new ContentType(message.getContentType());
      if (!type.match("multipart/report")
          || !"delivery-status".equalsIgnoreCase(type.getParameter("report-type"))) {
        return List.of();
      }
      MimeMultipart report = new MimeMultipart(message.getDataHandler().getDataSource());
      String status = null;
      String originalId = null;
      for (int i = 0; i < report.getCount(); i++) {
        BodyPart part = report.getBodyPart(i);
        if (part.isMimeType("message/delivery-status")) {
          status = text(part);
        } else if (part.isMimeType("message/rfc822") || part.isMimeType("text/rfc822-headers")) {
          originalId = new InternetHeaders(part.getInputStream()).getHeader("Message-ID", null);
        }
      }
      return status == null ? List.of() : bounces(status, originalId);
    } catch (MessagingException | IOException e) {
      throw new IllegalArgumentException("the delivery status report cannot be read: "
          + e.getMessage(), e);
    }
  }

  /** The per-message group, then one group per recipient, separated by blank lines. */
  private static List<Bounce> bounces(String status, @Nullable String originalId)
      throws MessagingException {
    String[] groups = status.replace("\r\n", "\n").strip().split("\n\\s*\n");
    List<Bounce> bounces = new ArrayList<>();
    for (int g = 1; g < groups.length; g++) {
      InternetHeaders fields = new InternetHeaders(new ByteArrayInputStream(
          (groups[g] + "\n\n").getBytes(StandardCharsets.UTF_8)));
      String recipient = typed(fields.getHeader("Final-Recipient", null));
      String action = fields.getHeader("Action", null);
      String code = fields.getHeader("Status", null);
      if (recipient == null || action == null || code == null) {
        continue;
      }
      String diagnostic = typed(fields.getHeader("Diagnostic-Code", null));
      bounces.add(new Bounce(recipient, action.trim().toLowerCase(Locale.ROOT),
          code.trim().split("\\s")[0], diagnostic,
          originalId == null ? null : originalId.trim()));
    }
    return List.copyOf(bounces);
  }

  /** {@code rfc822; ada@example.com} → {@code ada@example.com}. */
  private static @Nullable String typed(@Nullable String field) {
    if (field == null) {
      return null;
    }
    int semicolon = field.indexOf(';');
    return (semicolon < 0 ? field : field.substring(semicolon + 1)).replaceAll("\\s+", " ").trim();
  }

  private static String text(BodyPart part) throws MessagingException, IOException {
    try (InputStream in = part.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }
}
