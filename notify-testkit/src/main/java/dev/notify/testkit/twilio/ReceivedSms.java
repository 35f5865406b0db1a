package dev.notify.testkit.twilio;

import static java.util.Objects.requireNonNull;

import dev.notify.spi.Redaction;
import dev.notify.testkit.ReceivedMessage;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One message request {@link TwilioPeer} answered, with its form fields as the server parsed
 * them.
 *
 * @param accountSid the account in the request's path
 * @param user the basic-auth user the request authenticated as (the account SID or an API key)
 * @param form the form parameters ({@code To}, {@code From} or {@code MessagingServiceSid},
 *     {@code Body}, {@code StatusCallback}, {@code ValidityPeriod}, …), sorted by name
 * @param answer how the peer answered
 * @param messageSid the {@code SM…} sid of an accepted message, or {@code null}
 */
public record ReceivedSms(String accountSid, String user, Map<String, String> form,
    TwilioAnswer answer, @Nullable String messageSid) implements ReceivedMessage {

  /**
   * Copies the form.
   *
   * @param accountSid the account in the path
   * @param user the basic-auth user
   * @param form the form parameters
   * @param answer how the peer answered
   * @param messageSid the sid of an accepted message, or {@code null}
   */
  public ReceivedSms {
    requireNonNull(accountSid, "accountSid");
    requireNonNull(user, "user");
    requireNonNull(answer, "answer");
    form = Collections.unmodifiableMap(new TreeMap<>(form));
  }

  /** {@return the {@code To} number, or empty if the request had none} */
  @Override
  public String address() {
    return form.getOrDefault("To", "");
  }

  @Override
  public boolean accepted() {
    return answer.accepted();
  }

  /** {@return the {@code Body} parameter, or empty} */
  public String body() {
    return form.getOrDefault("Body", "");
  }

  /** Shows the account, the masked number, the form's field names and the answer. */
  @Override
  public String toString() {
    return "ReceivedSms[account=" + accountSid + ", to=" + Redaction.mask(address())
        + ", fields=" + form.keySet() + ", answer=" + answer.kind()
        + (messageSid != null ? ", sid=" + messageSid : "") + "]";
  }
}
