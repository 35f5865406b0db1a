package dev.notify.template;

import static java.util.Objects.requireNonNull;

import dev.notify.ChannelType;
import dev.notify.Content;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The parts of a template in one locale, one per channel kind. A part is keyed by a channel family
 * ({@code push}, {@code sms}, {@code email}) or by a channel type id ({@code apns}, {@code fcm}, or
 * a custom type such as {@code slack}). For a channel type, the part under the type's own id wins
 * over the part under its family, so an {@code apns} part can override the shared {@code push}
 * part.
 *
 * <p>Which fields a part may have depends on its key:
 * <ul>
 *   <li>{@code push}, {@code apns}, {@code fcm}: {@code title} and/or {@code body}, optional
 *       {@code data};</li>
 *   <li>{@code sms}: {@code body} only;</li>
 *   <li>{@code email}: {@code subject}, and {@code text} and/or {@code html};</li>
 *   <li>any other key: any fields, at least one.</li>
 * </ul>
 * Every field is a template source (Mustache in the default engine); so is every value of
 * {@code data}.
 *
 * @param parts the parts by key, never null; unmodifiable and sorted by key
 */
public record TemplateParts(Map<String, Part> parts) {
  private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

  /**
   * Checks keys and the fields each part has; copies the map.
   *
   * @param parts the parts by key, never null; unmodifiable and sorted by key
   */
  public TemplateParts {
    requireNonNull(parts, "parts");
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("a template variant needs at least one part");
    }
    Map<String, Part> copy = new TreeMap<>();
    parts.forEach((key, part) -> {
      requireNonNull(key, "part key");
      requireNonNull(part, "part '" + key + "'");
      if (!KEY.matcher(key).matches()) {
        throw new IllegalArgumentException(
            "part key must be a channel family or type id (" + KEY + "): '" + key + "'");
      }
      checkFields(key, part);
      copy.put(key, part);
    });
    parts = Collections.unmodifiableMap(copy);
  }

  /** {@return a builder} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@return the key of the part used for {@code type}: its own id if present, else its family}
   *
   * @param type a channel type
   */
  public Optional<String> keyFor(ChannelType type) {
    requireNonNull(type, "type");
    if (parts.containsKey(type.id())) {
      return Optional.of(type.id());
    }
    return parts.containsKey(type.family()) ? Optional.of(type.family()) : Optional.empty();
  }

  /**
   * {@return the part used for {@code type}, if this variant has one}
   *
   * @param type the delivery's channel type
   */
  public Optional<Part> partFor(ChannelType type) {
    return keyFor(type).map(parts::get);
  }

  private static void checkFields(String key, Part p) {
    switch (key) {
      case "push":
      case "apns":
      case "fcm":
        require(key, p.title != null || p.body != null, "needs a title or a body");
        require(key, p.subject == null && p.text == null && p.html == null,
            "may only have title, body and data");
        break;
      case "sms":
        require(key, p.body != null, "needs a body");
        require(key, p.title == null && p.data.isEmpty() && p.subject == null && p.text == null
            && p.html == null, "may only have a body");
        break;
      case "email":
        require(key, p.subject != null, "needs a subject");
        require(key, p.text != null || p.html != null, "needs a text or an html body");
        require(key, p.title == null && p.body == null && p.data.isEmpty(),
            "may only have subject, text and html");
        break;
      default:
        require(key, !p.isEmpty(), "needs at least one field");
    }
  }

  private static void require(String key, boolean ok, String rule) {
    if (!ok) {
      throw new IllegalArgumentException("the " + key + " part " + rule);
    }
  }

  /**
   * The template sources of one part; the fields mirror {@link Content}. Unused fields are null.
   *
   * @param title push title
   * @param body push or SMS body
   * @param data push data; values are template sources (never null, sorted by key)
   * @param subject email subject
   * @param text plain text email body
   * @param html HTML email body; the only field whose variables are HTML-escaped
   */
  public record Part(@Nullable String title, @Nullable String body, Map<String, String> data,
      @Nullable String subject, @Nullable String text, @Nullable String html) {

    /**
     * Copies {@code data}; null becomes empty.
     *
     * @param title push title
     * @param body push or SMS body
     * @param data push data; values are template sources (never null, sorted by key)
     * @param subject email subject
     * @param text plain text email body
     * @param html HTML email body; the only field whose variables are HTML-escaped
     */
    public Part {
      data = data == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(data));
    }

    /**
     * {@return a push part}
     *
     * @param title push title
     * @param body push body
     */
    public static Part push(@Nullable String title, @Nullable String body) {
      return new Part(title, body, Map.of(), null, null, null);
    }

    /**
     * {@return a push part with data}
     *
     * @param title push title
     * @param body push body
     * @param data push data; values are template sources (never null, sorted by key)
     */
    public static Part push(@Nullable String title, @Nullable String body,
        Map<String, String> data) {
      return new Part(title, body, data, null, null, null);
    }

    /**
     * {@return an SMS part}
     *
     * @param body SMS body
     */
    public static Part sms(String body) {
      return new Part(null, requireNonNull(body, "body"), Map.of(), null, null, null);
    }

    /**
     * {@return an email part; {@code text} or {@code html} may be null, not both}
     *
     * @param subject email subject
     * @param text plain text email body
     * @param html HTML email body; the only field whose variables are HTML-escaped
     */
    public static Part email(String subject, @Nullable String text, @Nullable String html) {
      return new Part(null, null, Map.of(), requireNonNull(subject, "subject"), text, html);
    }

    /** {@return true when no field is set} */
    public boolean isEmpty() {
      return title == null && body == null && data.isEmpty() && subject == null && text == null
          && html == null;
    }

    /** {@return the set fields by name ({@code data.<key>} for data), in a stable order} */
    public Map<String, String> fields() {
      Map<String, String> f = new LinkedHashMap<>();
      putIfSet(f, "title", title);
      putIfSet(f, "body", body);
      data.forEach((k, v) -> f.put("data." + k, v));
      putIfSet(f, "subject", subject);
      putIfSet(f, "text", text);
      putIfSet(f, "html", html);
      return f;
    }

    private static void putIfSet(Map<String, String> f, String name, @Nullable String value) {
      if (value != null) {
        f.put(name, value);
      }
    }
  }

  /** Builds {@link TemplateParts}. Not thread-safe. */
  public static final class Builder {
    private final Map<String, Part> parts = new LinkedHashMap<>();

    private Builder() {
    }

    /**
     * Sets the push part shared by APNs and FCM.
     *
     * @param title push title
     * @param body push body
     * @return this builder
     */
    public Builder push(@Nullable String title, @Nullable String body) {
      return part("push", Part.push(title, body));
    }

    /**
     * Sets the push part shared by APNs and FCM, with data.
     *
     * @param title push title
     * @param body push body
     * @param data push data; values are template sources (never null, sorted by key)
     * @return this builder
     */
    public Builder push(@Nullable String title, @Nullable String body,
        Map<String, String> data) {
      return part("push", Part.push(title, body, data));
    }

    /**
     * Sets the SMS part.
     *
     * @param body SMS body
     * @return this builder
     */
    public Builder sms(String body) {
      return part("sms", Part.sms(body));
    }

    /**
     * Sets the email part; {@code text} or {@code html} may be null, not both.
     *
     * @param subject email subject
     * @param text plain text email body
     * @param html HTML email body; the only field whose variables are HTML-escaped
     * @return this builder
     */
    public Builder email(String subject, @Nullable String text, @Nullable String html) {
      return part("email", Part.email(subject, text, html));
    }

    /**
     * Sets the part under {@code key} (a family or a channel type id); replaces an earlier one.
     *
     * @param key a family ({@code push}) or a channel type id ({@code apns}, {@code sms}, ...)
     * @param part the part
     * @return this builder
     */
    public Builder part(String key, Part part) {
      parts.put(requireNonNull(key, "key"), requireNonNull(part, "part"));
      return this;
    }

    /**
     * {@return the parts}
     *
     * @throws IllegalArgumentException if there is no part or a part breaks its key's rules
     */
    public TemplateParts build() {
      return new TemplateParts(parts);
    }
  }
}
