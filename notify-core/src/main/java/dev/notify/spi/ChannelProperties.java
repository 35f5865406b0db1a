package dev.notify.spi;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * One channel's properties as a {@link ChannelProvider} reads them, with errors that name the
 * full property ({@code notify.channel.<name>.<key>}), the rule and the value. A key the provider
 * does not know is refused, so a misspelt one is not silently ignored.
 *
 * <pre>{@code
 * ChannelProperties p = ChannelProperties.of(name, properties, "SMTP", KEYS);
 * EmailChannel.Builder b = EmailChannel.builder().server(p.required("host"),
 *     p.integer("port", p.required("port")));
 * Duration d = p.duration("readTimeout");      // null when not set
 * }</pre>
 */
public final class ChannelProperties {
  private final String channelName;
  private final Map<String, String> values;

  private ChannelProperties(String channelName, Map<String, String> values) {
    this.channelName = channelName;
    this.values = values;
  }

  /**
   * Checks the keys and wraps the values.
   *
   * @param channelName the channel's configured name
   * @param values the channel's properties, by key without the {@code notify.channel.<name>.}
   *     prefix
   * @param kind the kind of channel, for the message about an unknown key (e.g. {@code "SMTP"})
   * @param known every key the provider reads
   * @return the properties
   * @throws IllegalArgumentException naming the first unknown key and listing the known ones
   */
  public static ChannelProperties of(String channelName, Map<String, String> values, String kind,
      Set<String> known) {
    ChannelProperties p = new ChannelProperties(requireNonNull(channelName, "channelName"),
        Map.copyOf(values));
    for (String key : new TreeSet<>(values.keySet())) {
      if (!known.contains(key)) {
        throw new IllegalArgumentException(p.key(key) + " is not an " + kind
            + " channel property; known: " + new TreeSet<>(known));
      }
    }
    return p;
  }

  /**
   * {@return the full name of a property}
   *
   * @param key the key without the prefix
   */
  public String key(String key) {
    return "notify.channel." + channelName + "." + key;
  }

  /**
   * {@return the trimmed value, or null when it is missing or blank}
   *
   * @param key the key
   */
  public @Nullable String optional(String key) {
    String v = values.get(key);
    return v == null || v.isBlank() ? null : v.trim();
  }

  /**
   * {@return the trimmed value}
   *
   * @param key the key
   * @throws IllegalArgumentException if it is missing or blank
   */
  public String required(String key) {
    String v = optional(key);
    if (v == null) {
      throw new IllegalArgumentException(key(key) + " is required");
    }
    return v;
  }

  /**
   * {@return a value (or part of one) read as an {@code int}}
   *
   * @param key the key, for the message
   * @param value the text to read
   * @throws IllegalArgumentException if it is not a whole number in range
   */
  public int integer(String key, String value) {
    return (int) whole(key, value, Integer.MIN_VALUE, Integer.MAX_VALUE);
  }

  /**
   * {@return a value (or part of one) read as a {@code long}}
   *
   * @param key the key, for the message
   * @param value the text to read
   * @throws IllegalArgumentException if it is not a whole number in range
   */
  public long longValue(String key, String value) {
    return whole(key, value, Long.MIN_VALUE, Long.MAX_VALUE);
  }

  private long whole(String key, String value, long min, long max) {
    try {
      long n = Long.parseLong(value.trim());
      if (n < min || n > max) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key(key) + " must be a whole number, was '" + value
          + "'", e);
    }
  }

  /**
   * {@return the value read as an ISO-8601 duration, or null when it is not set}
   *
   * @param key the key
   * @throws IllegalArgumentException if it is not a duration such as {@code PT30S}
   */
  public @Nullable Duration duration(String key) {
    String v = optional(key);
    if (v == null) {
      return null;
    }
    try {
      return Duration.parse(v);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(key(key) + " must be an ISO-8601 duration such as"
          + " PT30S, was '" + v + "'", e);
    }
  }

  /** Shows the channel and its keys, never the values (they may hold secrets). */
  @Override
  public String toString() {
    return "ChannelProperties[" + channelName + ", keys " + new TreeSet<>(values.keySet()) + "]";
  }
}
