package dev.notify.fcm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.firebase.ErrorCode;
import com.google.firebase.IncomingHttpResponse;
import com.google.firebase.messaging.FirebaseMessagingException;
import com.google.firebase.messaging.MessagingErrorCode;
import dev.notify.spi.DeliveryResult;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/**
 * Maps FCM's answer to a {@link DeliveryResult}, from the error's {@code details[].errorCode}
 * (firebase-admin's {@link MessagingErrorCode}) and the HTTP status, never from message text
 * (firebase-admin-java #1064); the table is in the module's README. Reasons name the code, the
 * status and how many requests the send made, never the token.
 */
final class FcmClassifier {
  /** QUOTA_EXCEEDED is project-wide: the lane waits at least this long, or the Retry-After. */
  static final Duration QUOTA_PAUSE = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  private FcmClassifier() {
  }

  static DeliveryResult classify(FirebaseMessagingException e, CountingTransport.Exchange x,
      Instant now) {
    IncomingHttpResponse http = e.getHttpResponse();
    if (http == null) {
      return x.refused ? byStatus(x.lastStatus, ErrorCode.UNKNOWN, "HTTP " + x.lastStatus
          + requests(x), null) : ioFailure(e.getCause(), x);
    }
    int status = http.getStatusCode();
    MessagingErrorCode code = e.getMessagingErrorCode();
    Duration retryAfter = retryAfter(x.lastRetryAfter, now);
    String what = (code != null ? code.name() : e.getErrorCode().name()) + " (HTTP " + status
        + ")" + requests(x);
    if (code != null) {
      switch (code) {
        case UNREGISTERED:
        case SENDER_ID_MISMATCH:
          return DeliveryResult.addressInvalid(what, null);
        case INVALID_ARGUMENT:
          return namesToken(http) ? DeliveryResult.addressInvalid(what + ": the token", null)
              : DeliveryResult.permanent(what);
        case THIRD_PARTY_AUTH_ERROR:
          return DeliveryResult.configurationError(what + ": the APNs certificate or key, or"
              + " the web push credentials, in the Firebase project");
        case QUOTA_EXCEEDED:
          return quota(what, retryAfter);
        case UNAVAILABLE:
        case INTERNAL:
          return DeliveryResult.retryable(what, retryAfter);
        default:
          break;
      }
    }
    return byStatus(status, e.getErrorCode(), what, retryAfter);
  }

  private static DeliveryResult byStatus(int status, ErrorCode error, String what,
      @Nullable Duration retryAfter) {
    if (status == 401 || status == 403 || error == ErrorCode.UNAUTHENTICATED
        || error == ErrorCode.PERMISSION_DENIED) {
      return DeliveryResult.configurationError(what + ": the credentials or the project id");
    }
    if (status == 429 || error == ErrorCode.RESOURCE_EXHAUSTED) {
      return quota(what, retryAfter);
    }
    if (status >= 500 || status == 408) {
      return DeliveryResult.retryable(what, retryAfter);
    }
    if (status == 404) {
      // No FcmError detail: not the token but the URL, i.e. the project id.
      return DeliveryResult.configurationError(what + ": no such project or API");
    }
    return DeliveryResult.permanent(what);
  }

  private static DeliveryResult quota(String what, @Nullable Duration retryAfter) {
    Duration wait = retryAfter != null && retryAfter.compareTo(QUOTA_PAUSE) > 0 ? retryAfter
        : QUOTA_PAUSE;
    return DeliveryResult.channelUnavailable(what + ": the project's quota", wait);
  }

  /** No HTTP answer: refused before sending is retryable; otherwise FCM may have it. */
  static DeliveryResult ioFailure(@Nullable Throwable cause, CountingTransport.Exchange x) {
    Throwable root = cause;
    while (root != null && !(root instanceof IOException) && root.getCause() != null) {
      root = root.getCause();
    }
    String what = "I/O error " + (root == null ? "without a cause"
        : root.getClass().getSimpleName()) + requests(x);
    if (root instanceof ConnectException || root instanceof UnknownHostException
        || root instanceof NoRouteToHostException) {
      return DeliveryResult.retryable(what + ": not connected", null);
    }
    return DeliveryResult.outcomeUnknown(what + ": no answer after the request went out");
  }

  private static String requests(CountingTransport.Exchange x) {
    return x.requests <= 1 ? "" : ", after " + x.requests + " requests (the SDK retried "
        + (x.requests - 1) + " times)";
  }

  /** INVALID_ARGUMENT names the token when a BadRequest field violation is on it. */
  static boolean namesToken(@Nullable IncomingHttpResponse http) {
    if (http == null || http.getContent() == null) {
      return false;
    }
    try {
      JsonNode details = JSON.readTree(http.getContent()).path("error").path("details");
      for (JsonNode d : details) {
        for (JsonNode v : d.path("fieldViolations")) {
          String field = v.path("field").asText("");
          if (field.equals("message.token") || field.equals("token")) {
            return true;
          }
        }
      }
      return false;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  static @Nullable Duration retryAfter(@Nullable String header, Instant now) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String v = header.trim();
    try {
      long seconds = Long.parseLong(v);
      return seconds < 0 ? null : Duration.ofSeconds(seconds);
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration d = Duration.between(now, at);
        return d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException notADate) {
        return null;
      }
    }
  }
}
