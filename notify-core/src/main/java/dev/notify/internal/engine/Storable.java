package dev.notify.internal.engine;

import dev.notify.Content;
import dev.notify.InvalidNotificationException;
import dev.notify.Notification;
import dev.notify.Recipient;
import dev.notify.spi.Redaction;
import dev.notify.template.TemplateRef;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Refuses at {@code send} what could be hashed but neither stored nor sent: a string with an
 * unpaired UTF-16 surrogate anywhere (UTF-8 cannot encode one: it would reach the recipient as
 * {@code '?'}, and a JSON parser refuses one in a key), and the template variables that
 * {@link dev.notify.spi.codec.NotificationCodec#toJson} refuses because they would not read back
 * with the same hash: a {@code Float}, a {@code BigDecimal}, a non-finite number. So a
 * notification that passes {@code send} is one a durable log can store. Runs after
 * {@link PayloadHash}, which has already refused cycles and deep nesting.
 */
final class Storable {
  private Storable() {
  }

  /** @throws InvalidNotificationException naming the field and the rule */
  static void check(Notification n) {
    for (int i = 0; i < n.recipients().size(); i++) {
      if (n.recipients().get(i) instanceof Recipient.Address a) {
        text("recipients[" + i + "]", a.value());
      }
    }
    n.category().ifPresent(c -> text("category", c));
    Content c = n.content();
    text("content.title", c.title());
    text("content.body", c.body());
    text("content.subject", c.subject());
    text("content.text", c.text());
    text("content.html", c.html());
    strings("content.data", c.data());
    strings("metadata", n.metadata());
    if (n.template().isPresent()) {
      TemplateRef t = n.template().get();
      text("template.id", t.id());
      for (Map.Entry<String, ?> e : t.variables().entrySet()) {
        key("template.variables", e.getKey());
        value("template.variables." + e.getKey(), e.getValue());
      }
    }
  }

  private static void strings(String field, Map<String, String> map) {
    for (Map.Entry<String, String> e : map.entrySet()) {
      key(field, e.getKey());
      text(field + "." + e.getKey(), e.getValue());
    }
  }

  private static void key(String field, String key) {
    int at = loneSurrogate(key);
    if (at >= 0) {
      throw new InvalidNotificationException(field, "has a key with an unpaired surrogate U+"
          + hex(key.charAt(at)) + " at index " + at + " ('" + Redaction.mask(key)
          + "'); keys must be valid UTF-16");
    }
  }

  private static void text(String field, @Nullable String s) {
    int at = s == null ? -1 : loneSurrogate(s);
    if (at >= 0) {
      throw new InvalidNotificationException(field, "must be valid UTF-16; found an unpaired"
          + " surrogate U+" + hex(s.charAt(at)) + " at index " + at);
    }
  }

  private static void value(String field, @Nullable Object v) {
    if (v instanceof CharSequence s) {
      text(field, s.toString());
    } else if (v instanceof Float) {
      throw new InvalidNotificationException(field, "is a Float, which cannot be stored: it would"
          + " read back as a Double with another text (0.1f is 0.10000000149011612); use a"
          + " Double or a String");
    } else if (v instanceof BigDecimal) {
      throw new InvalidNotificationException(field, "is a BigDecimal, which cannot be stored: a"
          + " number with a fraction reads back as a Double; use a String to keep its digits, or"
          + " a Double or Long");
    } else if (v instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        String k = String.valueOf(e.getKey());
        key(field, k);
        value(field + "." + k, e.getValue());
      }
    } else if (v instanceof Collection<?> list) {
      int i = 0;
      for (Object o : list) {
        value(field + "[" + i++ + "]", o);
      }
    } else if (v instanceof Optional<?> o) {
      value(field, o.orElse(null));
    } else if (v != null && v.getClass().isArray()) {
      for (int i = 0; i < Array.getLength(v); i++) {
        value(field + "[" + i + "]", Array.get(v, i));
      }
    } else if (v instanceof Record r) {
      for (RecordComponent rc : r.getClass().getRecordComponents()) {
        value(field + "." + rc.getName(), component(r, rc));
      }
    }
  }

  private static @Nullable Object component(Record r, RecordComponent rc) {
    try {
      rc.getAccessor().setAccessible(true);
      return rc.getAccessor().invoke(r);
    } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
      return null; // the payload hash has read it already, or refused it
    }
  }

  /** {@return the index of the first unpaired surrogate, or -1} */
  static int loneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  private static String hex(char c) {
    return String.format("%04X", (int) c);
  }
}
