package dev.notify.fcm.internal;

import dev.notify.Content;
import dev.notify.fcm.FcmOptions;
import dev.notify.spi.OutboundMessage;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What {@code validate} checks, without I/O: the token's shape, the content FCM needs, the
 * options, and the payload's size. Messages name the field and the rule and never show the
 * token or the caller's text.
 */
final class MessageChecks {
  /** FCM's limit for a message's payload (notification and data), in bytes. */
  static final int MAX_PAYLOAD_BYTES = 4096;
  static final int MIN_TOKEN = 32;
  static final int MAX_TOKEN = 4096;

  private MessageChecks() {
  }

  /**
   * {@return the first rule the message breaks, or {@code null}}
   *
   * @param m the message
   */
  static @Nullable Violation check(OutboundMessage m) {
    Violation v = token(m.address().value());
    if (v != null) {
      return v;
    }
    Content c = m.content();
    FcmOptions o = m.options(FcmOptions.class).orElse(null);
    if (c.title() == null && c.body() == null && c.data().isEmpty()
        && (o == null || o.data().isEmpty())) {
      return new Violation("content", "FCM needs a title, a body or data");
    }
    if ((v = text("content.title", c.title())) != null
        || (v = text("content.body", c.body())) != null
        || (v = data("content.data", c.data())) != null) {
      return v;
    }
    if (o != null && (v = options(o)) != null) {
      return v;
    }
    int bytes = payloadBytes(m);
    if (bytes > MAX_PAYLOAD_BYTES) {
      return new Violation("message", "the payload (title, body, image and data) is " + bytes
          + " bytes in UTF-8; FCM allows " + MAX_PAYLOAD_BYTES);
    }
    return null;
  }

  static @Nullable Violation token(String token) {
    int n = token.length();
    if (n < MIN_TOKEN || n > MAX_TOKEN) {
      return new Violation("address", "an FCM registration token has " + MIN_TOKEN + " to "
          + MAX_TOKEN + " characters, this one " + n);
    }
    for (int i = 0; i < n; i++) {
      char ch = token.charAt(i);
      boolean ok = ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9'
          || ch == '-' || ch == '_' || ch == ':';
      if (!ok) {
        return new Violation("address", "an FCM registration token holds only letters, digits,"
            + " '-', '_' and ':'; character " + (i + 1) + " is not one");
      }
    }
    return null;
  }

  private static @Nullable Violation text(String field, @Nullable String value) {
    if (value == null) {
      return null;
    }
    if (value.isBlank()) {
      return new Violation(field, "must not be blank when set");
    }
    return unpaired(field, value);
  }

  /** A lone surrogate cannot be written as UTF-8 JSON: FCM would get a '?' or a broken body. */
  private static @Nullable Violation unpaired(String field, String value) {
    for (int i = 0; i < value.length(); i++) {
      char ch = value.charAt(i);
      if (Character.isHighSurrogate(ch) && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(ch)) {
        return new Violation(field, "holds an unpaired surrogate at index " + i
            + ", which is not text");
      } else if (ch == 0) {
        return new Violation(field, "holds a NUL character at index " + i);
      }
    }
    return null;
  }

  /** Content and options keep their maps sorted, so the first violation is always the same. */
  private static @Nullable Violation data(String field, Map<String, String> data) {
    for (Map.Entry<String, String> e : data.entrySet()) {
      String key = e.getKey();
      if (key.isEmpty()) {
        return new Violation(field, "a data key must not be empty");
      }
      String lower = key.toLowerCase(Locale.ROOT);
      if (lower.equals("from") || lower.equals("notification") || lower.equals("message_type")
          || lower.startsWith("google.") || lower.startsWith("gcm.")) {
        return new Violation(field, "FCM reserves the data key '" + key + "' (from,"
            + " notification, message_type, google.*, gcm.*)");
      }
      Violation v = unpaired(field + " key", key);
      if (v == null) {
        v = unpaired(field + "[" + key + "]", e.getValue());
      }
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  private static @Nullable Violation options(FcmOptions o) {
    Violation v;
    if ((v = url("options.image", o.image(), false)) != null
        || (v = data("options.data", o.data())) != null
        || (v = oneLine("options.android.collapseKey", o.android().collapseKey())) != null
        || (v = oneLine("options.android.channelId", o.android().channelId())) != null
        || (v = headers("options.apns.headers", o.apns().headers())) != null
        || (v = oneLine("options.apns.sound", o.apns().sound())) != null
        || (v = oneLine("options.apns.category", o.apns().category())) != null
        || (v = oneLine("options.apns.threadId", o.apns().threadId())) != null
        || (v = headers("options.webpush.headers", o.webpush().headers())) != null
        || (v = url("options.webpush.link", o.webpush().link(), true)) != null
        || (v = url("options.webpush.icon", o.webpush().icon(), false)) != null) {
      return v;
    }
    return null;
  }

  private static @Nullable Violation oneLine(String field, @Nullable String value) {
    if (value == null) {
      return null;
    }
    if (value.isBlank()) {
      return new Violation(field, "must not be blank when set");
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        return new Violation(field, "must not hold control characters (index " + i + ")");
      }
    }
    return unpaired(field, value);
  }

  private static @Nullable Violation headers(String field, Map<String, String> headers) {
    for (Map.Entry<String, String> e : headers.entrySet()) {
      String name = e.getKey();
      if (name.isEmpty()) {
        return new Violation(field, "a header name must not be empty");
      }
      for (int i = 0; i < name.length(); i++) {
        char ch = name.charAt(i);
        if (ch <= ' ' || ch >= 127 || ch == ':') {
          return new Violation(field, "a header name is printable ASCII without ':' or"
              + " spaces; character " + (i + 1) + " of a name is not");
        }
      }
      String value = e.getValue();
      for (int i = 0; i < value.length(); i++) {
        char ch = value.charAt(i);
        if (ch < ' ' && ch != '\t' || ch == 127 || ch > 126) {
          return new Violation(field + "[" + name + "]", "a header value is printable ASCII on"
              + " one line; character " + (i + 1) + " is not");
        }
      }
    }
    return null;
  }

  private static @Nullable Violation url(String field, @Nullable String value,
      boolean httpsOnly) {
    if (value == null) {
      return null;
    }
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      boolean ok = httpsOnly ? scheme.equals("https")
          : scheme.equals("https") || scheme.equals("http");
      if (!ok || uri.getHost() == null) {
        return new Violation(field, "must be an absolute " + (httpsOnly ? "https" : "http(s)")
            + " URL with a host");
      }
      return null;
    } catch (URISyntaxException e) {
      return new Violation(field, "must be a URL: " + e.getReason());
    }
  }

  /** The bytes FCM counts against its limit: the notification's texts and every data pair. */
  static int payloadBytes(OutboundMessage m) {
    Content c = m.content();
    FcmOptions o = m.options(FcmOptions.class).orElse(null);
    int n = utf8(c.title()) + utf8(c.body());
    for (Map.Entry<String, String> e : MessageFactory.data(c, o).entrySet()) {
      n += utf8(e.getKey()) + utf8(e.getValue());
    }
    if (o != null) {
      n += utf8(o.image());
    }
    return n;
  }

  private static int utf8(@Nullable String s) {
    return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
  }
}
