package dev.notify;

import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What a notification says. Push channels use title, body and data; SMS uses body (or text); email
 * uses subject with text and/or html. Each channel's {@code validate} checks that the parts it needs
 * are present. Built through {@link Notification.Builder}.
 *
 * @param title push title, or {@code null}
 * @param body push or SMS body, or {@code null}
 * @param data key/value data delivered with a push (never null, sorted by key)
 * @param subject email subject, or {@code null}
 * @param text plain text email body, or {@code null}
 * @param html HTML email body, or {@code null}
 */
public record Content(@Nullable String title, @Nullable String body, Map<String, String> data,
    @Nullable String subject, @Nullable String text, @Nullable String html) {

  /**
   * Copies {@code data} into an unmodifiable sorted map.
   *
   * @param title push title, or {@code null}
   * @param body push or SMS body, or {@code null}
   * @param data key/value data delivered with a push (never null, sorted by key)
   * @param subject email subject, or {@code null}
   * @param text plain text email body, or {@code null}
   * @param html HTML email body, or {@code null}
   */
  public Content {
    data = data == null || data.isEmpty() ? java.util.Collections.emptyMap()
        : java.util.Collections.unmodifiableMap(new TreeMap<>(data));
  }

  /** {@return true when no part is set} */
  public boolean isEmpty() {
    return title == null && body == null && data.isEmpty() && subject == null && text == null
        && html == null;
  }

  /** Content is the caller's text; it may be personal, so it is not printed. */
  @Override
  public String toString() {
    return "Content[title=" + (title != null) + ", body=" + (body != null) + ", data=" + data.size()
        + " keys, subject=" + (subject != null) + ", text=" + (text != null) + ", html="
        + (html != null) + "]";
  }
}
