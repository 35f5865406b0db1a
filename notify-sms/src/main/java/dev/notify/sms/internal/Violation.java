package dev.notify.sms.internal;

import dev.notify.InvalidNotificationException;
import dev.notify.spi.DeliveryResult;

/**
 * A rule a message breaks. {@code validate} throws it; {@code send} (which sees the rendered
 * message) turns it into a result without a request to Twilio.
 *
 * @param field the field, relative to the message: {@code address}, {@code content.body},
 *     {@code options.validityPeriod}, …
 * @param rule the rule in words; personal data only masked
 */
public record Violation(String field, String rule) implements PhoneRules.Checked,
    MessageRules.Outcome {

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
