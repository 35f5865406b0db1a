package dev.notify.fcm;

import static java.util.Objects.requireNonNull;

import dev.notify.ChannelOptions;
import dev.notify.spi.codec.ChannelOptionsCodec;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * FCM's per-notification options, typed per platform: Android, APNs through FCM, and web push,
 * plus data and an image that go to every platform. The notification's title, body and data come
 * from its content; the Android priority from its {@link dev.notify.Priority} (HIGH is
 * {@code high}, the others {@code normal}) and the Android TTL from its {@code expiresAt} unless
 * set here.
 *
 * <pre>{@code
 * Notification.builder().to(Recipient.fcmToken(token)).title("Order shipped").body("…")
 *     .options(FcmOptions.builder()
 *         .image("https://example.com/box.png")
 *         .data("orderId", "8812")                     // data values are strings, as FCM wants
 *         .androidChannelId("orders").collapseKey("order-8812")
 *         .apnsHeader("apns-priority", "5").badge(1)
 *         .webLink("https://example.com/orders/8812").webIcon("https://example.com/i.png")
 *         .build())
 *     .build();
 * }</pre>
 *
 * <p>{@code FcmChannel.validate} checks them at {@code send} (header names and values, an https
 * link, reserved data keys, the 4,096-byte payload). Stored in a durable log through
 * {@link #codec()}.
 *
 * @param image an image URL shown with the notification on every platform, or {@code null}
 * @param data data added to the content's data (same key: this value wins)
 * @param android the Android part
 * @param apns the APNs part, for iOS devices reached through FCM
 * @param webpush the web push part
 */
public record FcmOptions(@Nullable String image, Map<String, String> data, Android android,
    Apns apns, WebPush webpush) implements ChannelOptions {
  private static final ChannelOptionsCodec<FcmOptions> CODEC =
      ChannelOptionsCodec.ofRecord(FcmOptions.class, "fcm");

  /**
   * Copies the maps (sorted) and rejects nulls.
   *
   * @param image an image URL, or {@code null}
   * @param data extra data
   * @param android the Android part
   * @param apns the APNs part
   * @param webpush the web push part
   */
  public FcmOptions {
    data = sorted(data, "data");
    requireNonNull(android, "android");
    requireNonNull(apns, "apns");
    requireNonNull(webpush, "webpush");
  }

  /**
   * An unmodifiable copy sorted by key, as {@link dev.notify.Content} keeps its data: the checks
   * walk it in a stable order without copying it per send. Nulls are refused.
   */
  private static Map<String, String> sorted(Map<String, String> map, String name) {
    requireNonNull(map, name);
    if (map.isEmpty()) {
      return Map.of();
    }
    TreeMap<String, String> copy = new TreeMap<>();
    map.forEach((k, v) -> copy.put(requireNonNull(k, name + " key"),
        requireNonNull(v, name + " value")));
    return Collections.unmodifiableMap(copy);
  }

  /** {@return a builder; every option is optional} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return the codec a durable log stores these options with (type id {@code fcm})} */
  public static ChannelOptionsCodec<FcmOptions> codec() {
    return CODEC;
  }

  /**
   * The Android part ({@code message.android}).
   *
   * @param collapseKey a collapse key: a newer message with it replaces an undelivered older one
   * @param channelId the Android notification channel, or {@code null} for the app's default
   * @param ttl how long FCM keeps the message for an offline device, or {@code null} for the time
   *     left until the notification's {@code expiresAt} (FCM's default of 4 weeks without one)
   */
  public record Android(@Nullable String collapseKey, @Nullable String channelId,
      @Nullable Duration ttl) {
    /**
     * Rejects a negative TTL.
     *
     * @param collapseKey a collapse key, or {@code null}
     * @param channelId the notification channel, or {@code null}
     * @param ttl the TTL, or {@code null}
     */
    public Android {
      if (ttl != null && ttl.isNegative()) {
        throw new IllegalArgumentException("android ttl must not be negative: " + ttl);
      }
    }
  }

  /**
   * The APNs part ({@code message.apns}) for iOS devices reached through FCM.
   *
   * @param headers APNs request headers ({@code apns-priority}, {@code apns-push-type}, …)
   * @param badge the app badge, or {@code null}
   * @param sound a sound name, or {@code null}
   * @param contentAvailable a background update ({@code content-available: 1})
   * @param mutableContent a notification service extension may change it
   * @param category the notification category, or {@code null}
   * @param threadId the thread id that groups notifications, or {@code null}
   */
  public record Apns(Map<String, String> headers, @Nullable Integer badge, @Nullable String sound,
      boolean contentAvailable, boolean mutableContent, @Nullable String category,
      @Nullable String threadId) {
    /**
     * Copies the headers; rejects a negative badge.
     *
     * @param headers APNs headers
     * @param badge the badge, or {@code null}
     * @param sound a sound, or {@code null}
     * @param contentAvailable a background update
     * @param mutableContent may be changed by an extension
     * @param category the category, or {@code null}
     * @param threadId the thread id, or {@code null}
     */
    public Apns {
      headers = sorted(headers, "headers");
      if (badge != null && badge < 0) {
        throw new IllegalArgumentException("apns badge must not be negative: " + badge);
      }
    }

    /** {@return true if any APNs option is set} */
    public boolean isSet() {
      return !headers.isEmpty() || badge != null || sound != null || contentAvailable
          || mutableContent || category != null || threadId != null;
    }
  }

  /**
   * The web push part ({@code message.webpush}).
   *
   * @param headers web push headers ({@code TTL}, {@code Urgency}, {@code Topic})
   * @param link the page a click opens, https, or {@code null}
   * @param icon the notification's icon URL, or {@code null}
   */
  public record WebPush(Map<String, String> headers, @Nullable String link,
      @Nullable String icon) {
    /**
     * Copies the headers.
     *
     * @param headers web push headers
     * @param link the link, or {@code null}
     * @param icon the icon URL, or {@code null}
     */
    public WebPush {
      headers = sorted(headers, "headers");
    }

    /** {@return true if any web push option is set} */
    public boolean isSet() {
      return !headers.isEmpty() || link != null || icon != null;
    }
  }

  /** Shows which options are set and the data keys, never values (they may be personal). */
  @Override
  public String toString() {
    return "FcmOptions[image=" + (image != null) + ", data keys=" + data.keySet()
        + ", android=" + (android.collapseKey() != null || android.channelId() != null
            || android.ttl() != null) + ", apns=" + apns.isSet() + ", webpush=" + webpush.isSet()
        + "]";
  }

  /** Builds {@link FcmOptions}. Not thread-safe. */
  public static final class Builder {
    private @Nullable String image;
    private final Map<String, String> data = new LinkedHashMap<>();
    private @Nullable String collapseKey;
    private @Nullable String channelId;
    private @Nullable Duration ttl;
    private final Map<String, String> apnsHeaders = new LinkedHashMap<>();
    private @Nullable Integer badge;
    private @Nullable String sound;
    private boolean contentAvailable;
    private boolean mutableContent;
    private @Nullable String category;
    private @Nullable String threadId;
    private final Map<String, String> webHeaders = new LinkedHashMap<>();
    private @Nullable String webLink;
    private @Nullable String webIcon;

    private Builder() {
    }

    /**
     * Sets the image.
     *
     * @param url an image URL shown on every platform
     * @return this builder
     */
    public Builder image(String url) {
      this.image = requireNonNull(url, "url");
      return this;
    }

    /**
     * Adds a data entry.
     *
     * @param key the key; FCM reserves {@code from}, {@code notification},
     *     {@code message_type} and keys starting with {@code google.} or {@code gcm.}
     * @param value the value: FCM's data values are strings
     * @return this builder
     */
    public Builder data(String key, String value) {
      data.put(requireNonNull(key, "key"), requireNonNull(value, "value"));
      return this;
    }

    /**
     * Adds a data entry from a number, boolean or other value, converted with
     * {@link String#valueOf(Object)}: FCM carries data values only as strings.
     *
     * @param key the key
     * @param value a value; {@code null} is refused
     * @return this builder
     */
    public Builder dataValue(String key, Object value) {
      return data(key, String.valueOf(requireNonNull(value, "value")));
    }

    /**
     * Sets the collapse key.
     *
     * @param key a newer undelivered message with the same key replaces the older one (Android)
     * @return this builder
     */
    public Builder collapseKey(String key) {
      this.collapseKey = requireNonNull(key, "key");
      return this;
    }

    /**
     * Sets the Android notification channel.
     *
     * @param id the channel id the app created
     * @return this builder
     */
    public Builder androidChannelId(String id) {
      this.channelId = requireNonNull(id, "id");
      return this;
    }

    /**
     * Sets the Android TTL.
     *
     * @param ttl how long FCM keeps the message; default: the time left until
     *     {@code expiresAt}
     * @return this builder
     */
    public Builder ttl(Duration ttl) {
      requireNonNull(ttl, "ttl");
      if (ttl.isNegative()) {
        throw new IllegalArgumentException("ttl must not be negative: " + ttl);
      }
      this.ttl = ttl;
      return this;
    }

    /**
     * Adds an APNs header.
     *
     * @param name the header, e.g. {@code apns-priority}
     * @param value its value
     * @return this builder
     */
    public Builder apnsHeader(String name, String value) {
      apnsHeaders.put(requireNonNull(name, "name"), requireNonNull(value, "value"));
      return this;
    }

    /**
     * Sets the APNs badge.
     *
     * @param badge the badge, 0 or more
     * @return this builder
     */
    public Builder badge(int badge) {
      if (badge < 0) {
        throw new IllegalArgumentException("badge must not be negative: " + badge);
      }
      this.badge = badge;
      return this;
    }

    /**
     * Sets the APNs sound.
     *
     * @param sound a sound file name, or {@code default}
     * @return this builder
     */
    public Builder sound(String sound) {
      this.sound = requireNonNull(sound, "sound");
      return this;
    }

    /**
     * Marks the APNs part a background update.
     *
     * @param on {@code content-available: 1}; default false
     * @return this builder
     */
    public Builder contentAvailable(boolean on) {
      this.contentAvailable = on;
      return this;
    }

    /**
     * Lets a notification service extension change the notification.
     *
     * @param on {@code mutable-content: 1}; default false
     * @return this builder
     */
    public Builder mutableContent(boolean on) {
      this.mutableContent = on;
      return this;
    }

    /**
     * Sets the APNs category.
     *
     * @param category the notification category
     * @return this builder
     */
    public Builder category(String category) {
      this.category = requireNonNull(category, "category");
      return this;
    }

    /**
     * Sets the APNs thread id.
     *
     * @param threadId groups notifications
     * @return this builder
     */
    public Builder threadId(String threadId) {
      this.threadId = requireNonNull(threadId, "threadId");
      return this;
    }

    /**
     * Adds a web push header.
     *
     * @param name the header, e.g. {@code Urgency} or {@code TTL}
     * @param value its value
     * @return this builder
     */
    public Builder webHeader(String name, String value) {
      webHeaders.put(requireNonNull(name, "name"), requireNonNull(value, "value"));
      return this;
    }

    /**
     * Sets the web push link.
     *
     * @param url the https page a click on the notification opens
     * @return this builder
     */
    public Builder webLink(String url) {
      this.webLink = requireNonNull(url, "url");
      return this;
    }

    /**
     * Sets the web push icon.
     *
     * @param url the icon's URL
     * @return this builder
     */
    public Builder webIcon(String url) {
      this.webIcon = requireNonNull(url, "url");
      return this;
    }

    /** {@return the options} */
    public FcmOptions build() {
      return new FcmOptions(image, data, new Android(collapseKey, channelId, ttl),
          new Apns(apnsHeaders, badge, sound, contentAvailable, mutableContent, category,
              threadId),
          new WebPush(webHeaders, webLink, webIcon));
    }
  }
}
