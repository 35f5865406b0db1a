package dev.notify.email.internal;

import dev.notify.Content;
import dev.notify.email.EmailAttachment;
import dev.notify.email.EmailOptions;
import dev.notify.email.UnsubscribeLinks;
import dev.notify.spi.Delivery;
import dev.notify.spi.DeliveryResult;
import dev.notify.spi.OutboundMessage;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Builds the MIME message of one delivery: text and HTML as multipart/alternative (HTML alone
 * gets a generated text part), attachments around it in multipart/mixed, UTF-8 throughout, and a
 * Message-ID derived from the delivery id so that every attempt carries the same one.
 */
final class MessageFactory {
  private static final String UTF_8 = StandardCharsets.UTF_8.name();

  private final SmtpSettings settings;
  private final Session session;

  MessageFactory(SmtpSettings settings, Session session) {
    this.settings = settings;
    this.session = session;
  }

  /**
   * {@return the Message-ID of a delivery}: {@code <id@domain>}, the delivery id kept where it
   * is an atom character and {@code =XX} (UTF-8 hex) elsewhere, dots included, so that the
   * left-hand side is always a valid dot-atom.
   *
   * @param deliveryId the delivery id
   */
  String messageId(String deliveryId) {
    StringBuilder b = new StringBuilder("<");
    for (byte x : deliveryId.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (x & 0xff);
      if (c < 0x80 && (Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '/')) {
        b.append(c);
      } else {
        b.append('=').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return b.append('@').append(settings.messageIdDomain()).append('>').toString();
  }

  /**
   * Builds the message, changes saved; the caller has checked it with {@link MessageChecks}.
   *
   * @param delivery the delivery
   * @param now the send time for the Date header
   * @return the message and its envelope recipient
   * @throws MessagingException if Angus refuses a part
   * @throws AttachmentParts.Unresolved if an attachment's bytes cannot be had
   */
  Built build(Delivery delivery, Instant now)
      throws MessagingException, AttachmentParts.Unresolved {
    Content c = delivery.message().content();
    EmailOptions options =
        delivery.message().options(EmailOptions.class).orElseGet(EmailOptions::ofDefaults);
    String id = messageId(delivery.id());
    IdentifiedMessage m = new IdentifiedMessage(session, id);
    InternetAddress to = new InternetAddress(delivery.message().address().value(), true);
    m.setFrom(settings.from());
    m.setRecipient(Message.RecipientType.TO, to);
    Address[] replyTo = options.replyTo().isEmpty()
        ? settings.replyTo().toArray(new Address[0])
        : parse(options.replyTo().toArray(new String[0]));
    if (replyTo.length > 0) {
      m.setReplyTo(replyTo);
    }
    m.setSubject(c.subject(), UTF_8);
    m.setSentDate(Date.from(now));
    for (Map.Entry<String, String> h : options.headers().entrySet()) {
      m.addHeader(h.getKey(), encode(h.getKey(), h.getValue()));
    }
    URI unsubscribe = unsubscribeLink(delivery);
    if (unsubscribe != null) {
      m.setHeader("List-Unsubscribe", "<" + unsubscribe.toASCIIString() + ">");
      m.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    }

    List<MimeBodyPart> inline = new ArrayList<>();
    List<MimeBodyPart> attached = new ArrayList<>();
    long bytes = 0;
    for (int i = 0; i < options.attachments().size(); i++) {
      EmailAttachment a = options.attachments().get(i);
      byte[] content = AttachmentParts.bytes(a, i, settings.attachmentResolver());
      bytes += content.length;
      (a.contentId() != null ? inline : attached).add(AttachmentParts.part(a, content));
    }
    if (bytes * 4 / 3 > settings.maxMessageBytes()) {
      throw new AttachmentParts.Unresolved(DeliveryResult.permanent("the attachments are "
          + bytes + " bytes, more than the channel's limit of " + settings.maxMessageBytes()
          + " bytes once encoded"));
    }
    MimeMultipart body = body(c, inline);
    if (attached.isEmpty()) {
      if (body == null) {
        m.setText(c.text(), UTF_8);
      } else {
        m.setContent(body);
      }
    } else {
      MimeMultipart mixed = new MimeMultipart("mixed");
      MimeBodyPart main = new MimeBodyPart();
      if (body == null) {
        main.setText(c.text(), UTF_8);
      } else {
        main.setContent(body);
      }
      mixed.addBodyPart(main);
      for (MimeBodyPart part : attached) {
        mixed.addBodyPart(part);
      }
      m.setContent(mixed);
    }
    m.saveChanges();
    return new Built(m, new Address[] {to}, id);
  }

  /**
   * {@return the user's link for this delivery, checked, or null for none}
   *
   * @throws BadLink if the builder threw or made a link that is not one-click https
   */
  private @Nullable URI unsubscribeLink(Delivery delivery) {
    UnsubscribeLinks links = settings.unsubscribeLinks();
    if (links == null) {
      return null;
    }
    OutboundMessage o = delivery.message();
    URI link;
    try {
      link = links.link(new UnsubscribeLinks.Message(o.address().value(), o.category(),
          o.notificationId(), o.metadata()));
    } catch (RuntimeException e) {
      throw new BadLink("the unsubscribe link builder failed: " + e, e);
    }
    if (link == null) {
      return null;
    }
    String ascii = link.toASCIIString();
    if (!link.isAbsolute() || !"https".equalsIgnoreCase(link.getScheme()) || link.getHost() == null
        || ascii.chars().anyMatch(c -> c <= 0x20 || c == '>' || c == 0x7f)
        || ascii.length() > HeaderRules.MAX_LINE - 20) {
      throw new BadLink("the unsubscribe link must be an absolute https URI on one line"
          + " (RFC 8058), was " + ascii.length() + " characters with scheme " + link.getScheme(),
          null);
    }
    return link;
  }

  /** The user's unsubscribe link builder failed or made an unusable link. */
  static final class BadLink extends RuntimeException {
    BadLink(String message, @Nullable Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * {@return multipart/alternative for HTML (with text, given or generated; the HTML inside
   * multipart/related with its inline parts), or null for text alone}
   */
  private static @Nullable MimeMultipart body(Content c, List<MimeBodyPart> inline)
      throws MessagingException {
    if (c.html() == null) {
      return null;
    }
    MimeMultipart alternative = new MimeMultipart("alternative");
    MimeBodyPart text = new MimeBodyPart();
    text.setText(c.text() != null ? c.text() : HtmlText.of(c.html()), UTF_8);
    MimeBodyPart html = new MimeBodyPart();
    html.setText(c.html(), UTF_8, "html");
    alternative.addBodyPart(text);
    if (inline.isEmpty()) {
      alternative.addBodyPart(html);
    } else {
      MimeMultipart related = new MimeMultipart("related");
      related.addBodyPart(html);
      for (MimeBodyPart part : inline) {
        related.addBodyPart(part);
      }
      MimeBodyPart wrapper = new MimeBodyPart();
      wrapper.setContent(related);
      alternative.addBodyPart(wrapper);
    }
    return alternative;
  }

  private static String encode(String name, String value) {
    try {
      return MimeUtility.fold(name.length() + 2, MimeUtility.encodeText(value, UTF_8, null));
    } catch (UnsupportedEncodingException e) {
      throw new IllegalStateException("UTF-8 is always supported", e);
    }
  }

  private static Address[] parse(String[] addresses) throws MessagingException {
    Address[] parsed = new Address[addresses.length];
    for (int i = 0; i < addresses.length; i++) {
      parsed[i] = new InternetAddress(addresses[i], true);
    }
    return parsed;
  }

  /**
   * A message ready to send.
   *
   * @param message the MIME message, changes saved
   * @param recipients the envelope recipients: the one address of the delivery
   * @param messageId its Message-ID, angle brackets included
   */
  record Built(IdentifiedMessage message, Address[] recipients, String messageId) {
  }
}
