package dev.notify.sms.internal;

import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import dev.notify.spi.DeliveryResult;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turns what twilio-java throws into a {@link DeliveryResult} (the table in the module's README).
 * Reasons name the code and the HTTP status, never the number.
 */
public final class TwilioClassifier {
  /** Invalid or non-mobile To: the address is wrong, not the message. */
  static final Set<Integer> ADDRESS_INVALID = Set.of(21211, 21614);
  /** The recipient replied STOP. */
  static final int OPTED_OUT = 21610;
  /** Region or route not permitted for this account: this message can never go. */
  static final Set<Integer> PERMANENT = Set.of(21408, 21612);
  /** Authentication and account configuration: every message fails until someone fixes it. */
  static final Set<Integer> CONFIGURATION = Set.of(20003, 20404);
  /** Too many requests. */
  static final int TOO_MANY_REQUESTS = 20429;

  private TwilioClassifier() {
  }

  /**
   * {@return the result of a failed request}
   *
   * @param e what twilio-java threw
   * @param requests the HTTP requests of the attempt (more than one when twilio-java retried 5xx)
   * @param retryAfter the last answer's Retry-After, or {@code null}
   */
  public static DeliveryResult classify(TwilioException e, int requests,
      @Nullable Duration retryAfter) {
    String retried = requests > 1
        ? " after " + requests + " requests (twilio-java retried " + (requests - 1) + " times)"
        : "";
    if (e instanceof ApiException api && (api.getCode() != null || api.getStatusCode() != null)) {
      int code = api.getCode() == null ? 0 : api.getCode();
      int status = api.getStatusCode() == null ? 0 : api.getStatusCode();
      String reason = "Twilio " + code + " (HTTP " + status + "): " + safe(api.getMessage())
          + retried;
      if (ADDRESS_INVALID.contains(code)) {
        return DeliveryResult.addressInvalid(reason, null);
      }
      if (code == OPTED_OUT) {
        return DeliveryResult.recipientOptedOut(reason);
      }
      if (PERMANENT.contains(code)) {
        return DeliveryResult.permanent(reason);
      }
      if (CONFIGURATION.contains(code) || status == 401 || status == 403) {
        return DeliveryResult.configurationError(reason);
      }
      if (code == TOO_MANY_REQUESTS || status == 429 || status >= 500) {
        return DeliveryResult.retryable(reason, retryAfter);
      }
      return DeliveryResult.permanent(reason);
    }
    Throwable cause = e.getCause() != null ? e.getCause() : e;
    String what = cause instanceof InterruptedIOException ? "timed out" : "I/O error";
    return DeliveryResult.retryable("Twilio request " + what + ": "
        + cause.getClass().getSimpleName() + " " + safe(cause.getMessage()) + retried,
        retryAfter);
  }

  /** Twilio's messages may quote the number ("The 'To' number +1… is not valid"): cut it. */
  private static String safe(@Nullable String message) {
    if (message == null) {
      return "";
    }
    return message.replaceAll("\\+?\\d{6,}", "<number>");
  }
}
