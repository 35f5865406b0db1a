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
    variables(n, limits);
    long metadata = bytes(n.metadata());
    if (metadata > limits.maxMetadataBytes()) {
      throw new InvalidNotificationException("metadata", "must be at most "
          + limits.maxMetadataBytes() + " bytes (keys and values, UTF-8;"
          + " Limits.maxMetadataBytes), was " + metadata);
    }
  }

  /**
   * Sizes the template variables before the payload hash reads them. Bounded like the hash's own
   * walk (depth and number of values), whose clearer errors for cycles and deep nesting follow.
   */
  private static void variables(Notification n, Limits limits) {
    if (n.template().isEmpty()) {
      return;
    }
    long[] budget = {CanonicalJson.MAX_VALUES + 1L, 0};
    size(n.template().get().variables(), 0, budget, limits.maxVariablesBytes());
    if (budget[1] > limits.maxVariablesBytes()) {
      throw new InvalidNotificationException("template.variables", "must be at most "
          + limits.maxVariablesBytes() + " bytes (UTF-8 keys and text values, 8 for any other"
          + " value; Limits.maxVariablesBytes), was at least " + budget[1]);
    }
  }

  /** @param budget values left to visit, bytes counted so far; stops early past {@code max} */
  private static void size(@Nullable Object v, int depth, long[] budget, int max) {
    if (budget[0]-- <= 0 || budget[1] > max || depth > CanonicalJson.MAX_DEPTH) {
      return;
    }
    if (v instanceof CharSequence s) {
      budget[1] += utf8(s.toString());
    } else if (v instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        budget[1] += e.getKey() instanceof CharSequence k ? utf8(k.toString()) : 8;
        size(e.getValue(), depth + 1, budget, max);
      }
    } else if (v instanceof Iterable<?> list) {
      for (Object o : list) {
        size(o, depth + 1, budget, max);
        if (budget[0] <= 0 || budget[1] > max) {
          return;
        }
      }
    } else if (v instanceof Object[] array) {
      for (Object o : array) {
        size(o, depth + 1, budget, max);
      }
    } else {
      budget[1] += 8;
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
