package dev.notify.sms;

import static java.util.Objects.requireNonNull;

import dev.notify.ChannelOptions;
import dev.notify.spi.codec.ChannelOptionsCodec;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * SMS-specific options of a notification; every part is optional. The text is the
 * notification's {@link dev.notify.Content#body()}.
 *
 * <pre>{@code
 * Notification n = Notification.builder()
 *     .to(Recipient.phone("+33612345678"))
 *     .body("Your code is 123456")
 *     .options(SmsOptions.builder().validityPeriod(Duration.ofMinutes(5)).build())
 *     .build();
 * }</pre>
 *
 * @param validityPeriod how long Twilio may keep trying (its {@code ValidityPeriod}, 1 s to
 *     10 h), or {@code null}: then the time left until the notification's {@code expiresAt}, or
 *     Twilio's default without one
 * @param statusCallback the status-callback URL for this message instead of the channel's, or
 *     {@code null}
 */
public record SmsOptions(@Nullable Duration validityPeriod, @Nullable String statusCallback)
    implements ChannelOptions {

  /** Twilio's largest {@code ValidityPeriod}: 36,000 s. */
  public static final Duration MAX_VALIDITY = Duration.ofSeconds(36_000);

  /**
   * Checks the parts; the URL is checked by the channel's {@code validate}.
   *
   * @param validityPeriod 1 s to 10 h, whole seconds, or {@code null}
   * @param statusCallback a URL, or {@code null}
   * @throws IllegalArgumentException if the validity period is out of range
   */
  public SmsOptions {
    if (validityPeriod != null && (validityPeriod.compareTo(Duration.ofSeconds(1)) < 0
        || validityPeriod.compareTo(MAX_VALIDITY) > 0)) {
      throw new IllegalArgumentException("validityPeriod must be 1 s to 36000 s (Twilio's"
          + " ValidityPeriod): " + validityPeriod);
    }
  }

  /**
   * {@return the codec that stores these options in a durable log, type id {@code "sms"}}
   * {@link SmsOptionsCodecProvider} hands it to {@code NotificationCodec.discovered()}.
   */
  public static ChannelOptionsCodec<SmsOptions> codec() {
    return CodecHolder.CODEC;
  }

  /** {@return a builder with nothing set} */
  public static Builder builder() {
    return new Builder();
  }

  /** Shows the validity and whether a callback URL is set; never the URL (it may carry ids). */
  @Override
  public String toString() {
    return "SmsOptions[validityPeriod=" + validityPeriod + ", statusCallback="
        + (statusCallback == null ? "none" : "set") + "]";
  }

  /** Made on first use, so that a codec problem cannot break the options' own class. */
  private static final class CodecHolder {
    static final ChannelOptionsCodec<SmsOptions> CODEC =
        ChannelOptionsCodec.ofRecord(SmsOptions.class, "sms");
  }

  /** Builds {@link SmsOptions}. Not thread-safe. */
  public static final class Builder {
    private @Nullable Duration validityPeriod;
    private @Nullable String statusCallback;

    private Builder() {
    }

    /**
     * Sets the validity period.
     *
     * @param period 1 s to 36,000 s
     * @return this builder
     */
    public Builder validityPeriod(Duration period) {
      this.validityPeriod = requireNonNull(period, "period");
      return this;
    }

    /**
     * Sets this message's status-callback URL.
     *
     * @param url an absolute http or https URL
     * @return this builder
     */
    public Builder statusCallback(String url) {
      this.statusCallback = requireNonNull(url, "url");
      return this;
    }

    /** {@return the options} */
    public SmsOptions build() {
      return new SmsOptions(validityPeriod, statusCallback);
    }
  }
}
