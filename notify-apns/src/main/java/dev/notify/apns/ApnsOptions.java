package dev.notify.apns;

import static java.util.Objects.requireNonNull;

import dev.notify.ChannelOptions;
import dev.notify.spi.codec.ChannelOptionsCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * APNs-specific options of a notification; every part is optional. The title, body and data come
 * from the notification's {@link dev.notify.Content}; these options add what only APNs knows.
 *
 * <pre>{@code
 * Notification n = Notification.builder()
 *     .to(Recipient.apnsToken(token))
 *     .title("Your order shipped").body("Arrives Tuesday")
 *     .options(ApnsOptions.builder().badge(1).sound("default").threadId("orders").build())
 *     .build();
 * }</pre>
 *
 * @param subtitle the alert subtitle, or {@code null}
 * @param badge the badge number (0 clears it), or {@code null} to leave it unchanged
 * @param sound the sound file name ({@code "default"} for the system sound), or {@code null}
 * @param threadId groups notifications on the device, or {@code null}
 * @param category the app's notification category (actionable notifications), or {@code null}
 * @param mutableContent lets the app's notification service extension modify the content
 * @param contentAvailable wakes the app in the background ({@code content-available: 1})
 * @param customData extra top-level payload keys; values are strings, numbers, booleans, lists and
 *     maps with string keys; they win over the content's data on equal keys; never {@code null}
 * @param pushType the push type, or {@code null} to infer alert or background
 * @param topic this notification's topic instead of the channel's default topic, or {@code null}
 * @param collapseId replaces an earlier notification with the same id on the device (at most 64
 *     bytes), or {@code null}
 */
public record ApnsOptions(String subtitle, Integer badge, String sound, String threadId,
    String category, boolean mutableContent, boolean contentAvailable,
    Map<String, Object> customData, ApnsPushType pushType, String topic, String collapseId)
    implements ChannelOptions {

  /** Apple's limit on {@code apns-collapse-id}, in UTF-8 bytes. */
  public static final int MAX_COLLAPSE_ID_BYTES = 64;

  /**
   * Checks each part and copies {@code customData}.
   *
   * @param subtitle the alert subtitle, or {@code null}
   * @param badge the badge number (0 clears it), or {@code null} to leave it unchanged
   * @param sound the sound file name ({@code "default"} for the system sound), or {@code null}
   * @param threadId groups notifications on the device, or {@code null}
   * @param category the app's notification category (actionable notifications), or {@code null}
   * @param mutableContent lets the app's notification service extension modify the content
   * @param contentAvailable wakes the app in the background ({@code content-available: 1})
   * @param customData extra top-level payload keys; values are strings, numbers, booleans, lists
   *     and maps with string keys; they win over the content's data on equal keys; never
   *     {@code null}
   * @param pushType the push type, or {@code null} to infer alert or background
   * @param topic this notification's topic instead of the channel's default topic, or {@code null}
   * @param collapseId replaces an earlier notification with the same id on the device (at most 64
   *     bytes), or {@code null}
   * @throws IllegalArgumentException naming the part and the value that broke its rule
   */
  public ApnsOptions {
    requireNotBlank(subtitle, "subtitle");
    requireNotBlank(sound, "sound");
    requireNotBlank(threadId, "threadId");
    requireNotBlank(category, "category");
    requireNotBlank(topic, "topic");
    requireNotBlank(collapseId, "collapseId");
    if (badge != null && badge < 0) {
      throw new IllegalArgumentException("badge must not be negative: " + badge);
    }
    if (topic != null && topic.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("topic must not contain whitespace: '" + topic + "'");
    }
    if (collapseId != null) {
      int bytes = collapseId.getBytes(StandardCharsets.UTF_8).length;
      if (bytes > MAX_COLLAPSE_ID_BYTES) {
        throw new IllegalArgumentException("collapseId must be at most " + MAX_COLLAPSE_ID_BYTES
            + " bytes: was " + bytes);
      }
    }
    customData = copyData(customData);
  }

  /**
   * {@return the codec that stores these options with a notification in a durable log, under the
   * type id {@code "apns"}}: every component by its name, read back through the constructor.
   * {@link ApnsOptionsCodecProvider} hands it to {@code NotificationCodec.discovered()}; register
   * it yourself with {@code NotificationCodec.builder().codec(ApnsOptions.codec())}. Custom data
   * comes back as JSON values (an {@code Integer} as a {@code Long}, with the same payload); a
   * {@code Float} or {@code BigDecimal} in it cannot be stored exactly and is refused by
   * {@code toJson}.
   */
  public static ChannelOptionsCodec<ApnsOptions> codec() {
    return CodecHolder.CODEC;
  }

  /** {@return options with nothing set} */
  public static ApnsOptions ofDefaults() {
    return builder().build();
  }

  /** {@return a builder with nothing set} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return a builder holding these options, to derive changed copies} */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.subtitle = subtitle;
    b.badge = badge;
    b.sound = sound;
    b.threadId = threadId;
    b.category = category;
    b.mutableContent = mutableContent;
    b.contentAvailable = contentAvailable;
    b.customData = new LinkedHashMap<>(customData);
    b.pushType = pushType;
    b.topic = topic;
    b.collapseId = collapseId;
    return b;
  }

  /** The subtitle and custom data may be personal, so only their presence is printed. */
  @Override
  public String toString() {
    return "ApnsOptions[subtitle=" + (subtitle != null) + ", badge=" + badge + ", sound=" + sound
        + ", threadId=" + threadId + ", category=" + category + ", mutableContent="
        + mutableContent + ", contentAvailable=" + contentAvailable + ", customData="
        + customData.keySet() + ", pushType=" + pushType + ", topic=" + topic + ", collapseId="
        + collapseId + "]";
  }

  private static void requireNotBlank(String value, String name) {
    if (value != null && value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank when set");
    }
  }

  private static Map<String, Object> copyData(Map<String, ?> data) {
    if (data == null || data.isEmpty()) {
      return Map.of();
    }
    Map<String, Object> copy = new LinkedHashMap<>();
    data.forEach((key, value) -> {
      if (key == null) {
        throw new IllegalArgumentException("customData keys must not be null");
      }
      if ("aps".equals(key)) {
        throw new IllegalArgumentException(
            "customData key 'aps' is reserved for APNs; set its parts through ApnsOptions");
      }
      copy.put(key, copyValue(value, "customData." + key));
    });
    return Collections.unmodifiableMap(copy);
  }

  private static Object copyValue(Object value, String path) {
    if (value instanceof String || value instanceof Number || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> {
        if (!(k instanceof String key)) {
          throw new IllegalArgumentException(path + " has a non-string key: " + k);
        }
        copy.put(key, copyValue(v, path + "." + key));
      });
      return Collections.unmodifiableMap(copy);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      for (int i = 0; i < list.size(); i++) {
        copy.add(copyValue(list.get(i), path + "[" + i + "]"));
      }
      return Collections.unmodifiableList(copy);
    }
    throw new IllegalArgumentException(path + " must be a string, number, boolean, list or map: "
        + (value == null ? "null" : value.getClass().getName()));
  }

  /** Made on first use, so that a codec problem cannot break the options' own class. */
  private static final class CodecHolder {
    static final ChannelOptionsCodec<ApnsOptions> CODEC =
        ChannelOptionsCodec.ofRecord(ApnsOptions.class, "apns");
  }

  /** Builds {@link ApnsOptions}; every part defaults to unset. Not thread-safe. */
  public static final class Builder {
    private String subtitle;
    private Integer badge;
    private String sound;
    private String threadId;
    private String category;
    private boolean mutableContent;
    private boolean contentAvailable;
    private Map<String, Object> customData = new LinkedHashMap<>();
    private ApnsPushType pushType;
    private String topic;
    private String collapseId;

    private Builder() {
    }

    /**
     * Sets the alert subtitle.
     *
     * @param subtitle the alert subtitle; default none
     * @return this builder
     */
    public Builder subtitle(String subtitle) {
      this.subtitle = subtitle;
      return this;
    }

    /**
     * Sets the badge.
     *
     * @param badge the badge number, 0 to clear it; default unchanged
     * @return this builder
     */
    public Builder badge(int badge) {
      this.badge = badge;
      return this;
    }

    /**
     * Sets the sound.
     *
     * @param sound the sound file name, {@code "default"} for the system sound; default none
     * @return this builder
     */
    public Builder sound(String sound) {
      this.sound = sound;
      return this;
    }

    /**
     * Sets the thread id.
     *
     * @param threadId groups notifications on the device; default none
     * @return this builder
     */
    public Builder threadId(String threadId) {
      this.threadId = threadId;
      return this;
    }

    /**
     * Sets the notification category.
     *
     * @param category the app's notification category; default none
     * @return this builder
     */
    public Builder category(String category) {
      this.category = category;
      return this;
    }

    /**
     * Sets {@code mutable-content}.
     *
     * @param mutableContent let the notification service extension modify it; default false
     * @return this builder
     */
    public Builder mutableContent(boolean mutableContent) {
      this.mutableContent = mutableContent;
      return this;
    }

    /**
     * Sets {@code content-available}.
     *
     * @param contentAvailable wake the app in the background; default false
     * @return this builder
     */
    public Builder contentAvailable(boolean contentAvailable) {
      this.contentAvailable = contentAvailable;
      return this;
    }

    /**
     * Adds one top-level payload key.
     *
     * @param key any key but {@code aps}
     * @param value a string, number, boolean, list or map with string keys
     * @return this builder
     */
    public Builder customData(String key, Object value) {
      requireNonNull(key, "key");
      this.customData.put(key, value);
      return this;
    }

    /**
     * Replaces the custom payload keys.
     *
     * @param customData top-level payload keys, replacing those added so far
     * @return this builder
     */
    public Builder customData(Map<String, ?> customData) {
      requireNonNull(customData, "customData");
      this.customData = new LinkedHashMap<>(customData);
      return this;
    }

    /**
     * Sets the push type.
     *
     * @param pushType the push type; default inferred (alert, or background for silent pushes)
     * @return this builder
     */
    public Builder pushType(ApnsPushType pushType) {
      this.pushType = pushType;
      return this;
    }

    /**
     * Sets the topic of this notification.
     *
     * @param topic this notification's topic; default the channel's topic
     * @return this builder
     */
    public Builder topic(String topic) {
      this.topic = topic;
      return this;
    }

    /**
     * Sets the collapse id.
     *
     * @param collapseId replaces earlier notifications with this id; default none
     * @return this builder
     */
    public Builder collapseId(String collapseId) {
      this.collapseId = collapseId;
      return this;
    }

    /**
     * {@return the options}
     *
     * @throws IllegalArgumentException if a part breaks its rule
     */
    public ApnsOptions build() {
      return new ApnsOptions(subtitle, badge, sound, threadId, category, mutableContent,
          contentAvailable, customData, pushType, topic, collapseId);
    }
  }
}
