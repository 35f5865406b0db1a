package dev.notify.sms.internal;

import dev.notify.spi.Redaction;
import org.jspecify.annotations.Nullable;

/**
 * One message as a gateway sends it.
 *
 * @param to the destination, E.164
 * @param body the text
 * @param segments the segments the body takes
 * @param validitySeconds how long the provider may keep trying, 1 to 36000, or {@code null} for
 *     its default
 * @param statusCallback where the provider reports the delivery status, or {@code null}
 */
public record SmsRequest(String to, String body, int segments, @Nullable Integer validitySeconds,
    @Nullable String statusCallback) {

  /** Shows the number masked and the body's length only. */
  @Override
  public String toString() {
    return "SmsRequest[to=" + Redaction.mask(to) + ", body=" + body.length() + " chars, segments="
        + segments + (validitySeconds != null ? ", validity=" + validitySeconds + "s" : "")
        + (statusCallback != null ? ", statusCallback" : "") + "]";
  }
}
