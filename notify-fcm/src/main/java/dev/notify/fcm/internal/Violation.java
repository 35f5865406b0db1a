package dev.notify.fcm.internal;

import dev.notify.InvalidNotificationException;
import dev.notify.spi.DeliveryResult;

/**
 * A rule a message breaks. {@code validate} throws it; {@code send} (which sees the final,
 * rendered message) turns it into a result without a request to FCM.
 *
 * @param field the field, relative to the message: {@code address}, {@code content.title},
 *     {@code options.data}, …
 * @param rule the rule in words, with the sizes involved; never the offending personal data
 */
public record Violation(String field, String rule) {

  /** {@return the exception {@code validate} throws} */
  public InvalidNotificationException toException() {
    return new InvalidNotificationException(field, rule);
  }

  /** {@return the result {@code send} returns: an invalid address, or a permanent failure} */
  public DeliveryResult toResult() {
    String reason = field + ": " + rule;
    return "address".equals(field)
        ? DeliveryResult.addressInvalid(reason, null)
        : DeliveryResult.permanent(reason);
  }
}
