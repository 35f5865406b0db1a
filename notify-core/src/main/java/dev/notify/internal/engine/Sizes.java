package dev.notify.internal.engine;

import dev.notify.Content;
import dev.notify.InvalidNotificationException;
import dev.notify.Notification;
import dev.notify.policy.Limits;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The {@link Limits} a notification's own parts must keep. Checked first at {@code send}, before
 * the payload hash reads every byte of them, so an oversized notification costs little to refuse.
 */
final class Sizes {
  private Sizes() {
  }

  /** @throws InvalidNotificationException naming the field and the limit */
  static void check(Notification n, Limits limits) {
    int recipients = n.recipients().size();
    if (recipients > limits.maxRecipients()) {
      throw new InvalidNotificationException("recipients", "must be at most "
          + limits.maxRecipients() + " recipients (Limits.maxRecipients), was " + recipients
          + "; send to a group, or one notification per recipient with sendAll");
    }
    Content c = n.content();
    text("content.title", c.title(), limits);
    text("content.body", c.body(), limits);
    text("content.subject", c.subject(), limits);
    text("content.text", c.text(), limits);
    text("content.html", c.html(), limits);
    long data = bytes(c.data());
    if (data > limits.maxDataBytes()) {
      throw new InvalidNotificationException("content.data", "must be at most "
          + limits.maxDataBytes() + " bytes (keys and values, UTF-8; Limits.maxDataBytes), was "
          + data);
    }
    if (n.metadata().size() > limits.maxMetadataEntries()) {
      throw new InvalidNotificationException("metadata", "must have at most "
          + limits.maxMetadataEntries() + " entries (Limits.maxMetadataEntries), had "
          + n.metadata().size());
    }
    long metadata = bytes(n.metadata());
    if (metadata > limits.maxMetadataBytes()) {
      throw new InvalidNotificationException("metadata", "must be at most "
          + limits.maxMetadataBytes() + " bytes (keys and values, UTF-8;"
          + " Limits.maxMetadataBytes), was " + metadata);
    }
  }

  private static void text(String field, @Nullable String s, Limits limits) {
    if (s == null || s.length() <= limits.maxTextBytes() / 3) {
      return; // at most 3 UTF-8 bytes per UTF-16 char: surely within the limit
    }
    long bytes = utf8(s);
    if (bytes > limits.maxTextBytes()) {
      throw new InvalidNotificationException(field, "must be at most " + limits.maxTextBytes()
          + " bytes (UTF-8; Limits.maxTextBytes), was " + bytes);
    }
  }

  private static long bytes(Map<String, String> map) {
    long total = 0;
    for (Map.Entry<String, String> e : map.entrySet()) {
      total += utf8(e.getKey()) + utf8(e.getValue());
    }
    return total;
  }

  /** {@return the UTF-8 length, without encoding: a lone surrogate counts as its '?'} */
  static long utf8(String s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += Character.isSurrogate(c) ? 1 : 3;
      }
    }
    return n;
  }
}
