package dev.notify.email.internal;

import dev.notify.Content;
import dev.notify.email.EmailAttachment;
import dev.notify.email.EmailOptions;
import dev.notify.spi.OutboundMessage;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.ParseException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What {@code validate} checks, without I/O: the address, the parts email needs, every
 * header-bound field of the content and the options, and the message's estimated size.
 */
public final class MessageChecks {
  /** Room for the header block the channel writes, in the size estimate. */
  private static final int HEADER_ALLOWANCE = 4096;
  /** File names longer than this are refused; mail clients truncate far earlier. */
  private static final int MAX_FILE_NAME = 255;

  /** Characters of a content id: RFC 5322 atext, dots and one side of an {@code @}. */
  private static final java.util.regex.Pattern CONTENT_ID =
      java.util.regex.Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~.@-]{1,250}");

  private final long maxMessageBytes;
  private final boolean canResolve;

  /**
   * Checks against a size limit.
   *
   * @param maxMessageBytes the largest estimated encoded message allowed
   * @param canResolve whether the channel has an attachment resolver
   */
  public MessageChecks(long maxMessageBytes, boolean canResolve) {
    this.maxMessageBytes = maxMessageBytes;
    this.canResolve = canResolve;
  }

  /**
   * {@return the first rule the message breaks, or {@code null}}
   *
   * @param message the message as it would be sent
   */
  public @Nullable Violation check(OutboundMessage message) {
    String rule = HeaderRules.address("the address", message.address().value());
    if (rule != null) {
      return new Violation("address", rule);
    }
    Content c = message.content();
    if (c.subject() == null || c.subject().isBlank()) {
      return new Violation("content.subject", "an email needs a subject");
    }
    if ((rule = HeaderRules.singleLine("the subject", c.subject())) != null) {
      return new Violation("content.subject", rule);
    }
    if (c.subject().length() > HeaderRules.MAX_LINE) {
      return new Violation("content.subject", "the subject must be at most "
          + HeaderRules.MAX_LINE + " characters, was " + c.subject().length());
    }
    if (c.text() == null && c.html() == null) {
      return new Violation("content", "an email needs text, HTML or both");
    }
    EmailOptions options = message.options(EmailOptions.class).orElse(null);
    long size = HEADER_ALLOWANCE + c.subject().length() * 4L + encodedSize(c.text())
        + encodedSize(c.html()) + (c.text() == null ? encodedSize(c.html()) : 0);
    if (options != null) {
      Violation v = checkOptions(options, c.html() != null, canResolve);
      if (v != null) {
        return v;
      }
      for (EmailAttachment a : options.attachments()) {
        size += a.contentBase64() == null ? 256 : a.contentBase64().length() * 78L / 76 + 256;
      }
    }
    if (size > maxMessageBytes) {
      return new Violation("message", "the encoded email would be about " + size
          + " bytes, more than the channel's limit of " + maxMessageBytes + " bytes");
    }
    return null;
  }

  private static @Nullable Violation checkOptions(EmailOptions options, boolean html,
      boolean canResolve) {
    String rule;
    for (Map.Entry<String, String> h : options.headers().entrySet()) {
      if ((rule = HeaderRules.customHeader(h.getKey(), h.getValue())) != null) {
        return new Violation("options.headers", rule);
      }
    }
    for (int i = 0; i < options.replyTo().size(); i++) {
      if ((rule = HeaderRules.address("Reply-To address " + i, options.replyTo().get(i)))
          != null) {
        return new Violation("options.replyTo", rule);
      }
    }
    for (int i = 0; i < options.attachments().size(); i++) {
      EmailAttachment a = options.attachments().get(i);
      String what = "attachment " + i;
      if ((rule = HeaderRules.singleLine(what + "'s file name", a.fileName())) != null
          || (rule = HeaderRules.singleLine(what + "'s content type", a.contentType())) != null) {
        return new Violation("options.attachments", rule);
      }
      if (a.fileName().length() > MAX_FILE_NAME) {
        return new Violation("options.attachments", what + "'s file name must be at most "
            + MAX_FILE_NAME + " characters, was " + a.fileName().length());
      }
      if (a.reference() != null && !canResolve) {
        return new Violation("options.attachments", what + " is a reference, but the channel"
            + " has no AttachmentResolver");
      }
      if (a.contentId() != null && !CONTENT_ID.matcher(a.contentId()).matches()) {
        return new Violation("options.attachments", what + "'s content id must be 1 to 250"
            + " atom characters, dots or '@': '" + a.contentId() + "'");
      }
      if (a.contentId() != null && !html) {
        return new Violation("options.attachments", what + " is inline (content id "
            + a.contentId() + "), which needs HTML content");
      }
      try {
        new ContentType(a.contentType());
      } catch (ParseException e) {
        return new Violation("options.attachments", what + "'s content type is not a MIME type: '"
            + a.contentType() + "'");
      }
    }
    return null;
  }

  /** Quoted-printable or Base64 of UTF-8: at most about 4/3 of the bytes for non-ASCII text. */
  private static long encodedSize(@Nullable String text) {
    if (text == null) {
      return 0;
    }
    long bytes = text.getBytes(StandardCharsets.UTF_8).length;
    return bytes == text.length() ? bytes + bytes / 76 * 3 : bytes * 4 / 3 + bytes / 57 * 2;
  }
}
