package dev.notify.testkit.fcm;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * How {@link FcmPeer} answers one {@code messages:send} request: accept, an FCM v1 error (with
 * its {@code google.firebase.fcm.v1.FcmError} detail), any status and body, or a dropped
 * connection; each optionally after a delay and with a {@code Retry-After} header. Script them per
 * registration token with {@link dev.notify.testkit.ProviderPeer#respond(String, Object...)
 * FcmPeer.respond(token, answers...)}. Immutable.
 *
 * @param kind what the peer does
 * @param status the HTTP status (200 for an accept, 0 for a drop)
 * @param errorCode the FCM error code in the error's details, or {@code null} for none
 * @param canonical the error's canonical status ({@code NOT_FOUND}), or {@code null}
 * @param tokenViolation true to add a {@code google.rpc.BadRequest} field violation that names
 *     {@code message.token}, as FCM does for a malformed token
 * @param retryAfter the {@code Retry-After} header, or {@code null} for none
 * @param latency how long the peer waits before it answers
 * @param rawBody a body written as is, or {@code null} for the FCM body of the kind
 */
public record FcmAnswer(Kind kind, int status, @Nullable String errorCode,
    @Nullable String canonical, boolean tokenViolation, @Nullable Duration retryAfter,
    Duration latency, @Nullable String rawBody) {

  /** What the peer does with the request. */
  public enum Kind {
    /** 200 with {@code {"name": "projects/<id>/messages/<n>"}}. */
    ACCEPT,
    /** An error status with an FCM v1 error body (or the raw body). */
    ERROR,
    /** Closes the connection without an answer. */
    DROP
  }

  /**
   * Checks the parts.
   *
   * @param kind what the peer does
   * @param status the HTTP status
   * @param errorCode the FCM error code, or {@code null}
   * @param canonical the canonical status, or {@code null}
   * @param tokenViolation whether a field violation names the token
   * @param retryAfter the {@code Retry-After}, or {@code null}
   * @param latency the delay before the answer
   * @param rawBody a body written as is, or {@code null}
   */
  public FcmAnswer {
    requireNonNull(kind, "kind");
    requireNonNull(latency, "latency");
    if (latency.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative: " + latency);
    }
    if (retryAfter != null && retryAfter.isNegative()) {
      throw new IllegalArgumentException("retryAfter must not be negative: " + retryAfter);
    }
  }

  /** {@return a 200 with the message's name} */
  public static FcmAnswer accept() {
    return new FcmAnswer(Kind.ACCEPT, 200, null, null, false, null, Duration.ZERO, null);
  }

  /**
   * {@return FCM's error for that code, with the status FCM uses for it}: {@code UNREGISTERED}
   * 404 NOT_FOUND, {@code INVALID_ARGUMENT} 400, {@code SENDER_ID_MISMATCH} 403
   * PERMISSION_DENIED, {@code QUOTA_EXCEEDED} 429 RESOURCE_EXHAUSTED, {@code UNAVAILABLE} 503,
   * {@code INTERNAL} 500, {@code THIRD_PARTY_AUTH_ERROR} 401 UNAUTHENTICATED
   *
   * @param errorCode one of FCM v1's error codes, as FCM writes it
   * @throws IllegalArgumentException for another code
   */
  public static FcmAnswer error(String errorCode) {
    requireNonNull(errorCode, "errorCode");
    return switch (errorCode) {
      case "UNREGISTERED" -> error(404, "NOT_FOUND", errorCode);
      case "INVALID_ARGUMENT" -> error(400, "INVALID_ARGUMENT", errorCode);
      case "SENDER_ID_MISMATCH" -> error(403, "PERMISSION_DENIED", errorCode);
      case "QUOTA_EXCEEDED" -> error(429, "RESOURCE_EXHAUSTED", errorCode);
      case "UNAVAILABLE" -> error(503, "UNAVAILABLE", errorCode);
      case "INTERNAL" -> error(500, "INTERNAL", errorCode);
      case "THIRD_PARTY_AUTH_ERROR" -> error(401, "UNAUTHENTICATED", errorCode);
      default -> throw new IllegalArgumentException("not an FCM v1 error code: '" + errorCode
          + "'; known: UNREGISTERED, INVALID_ARGUMENT, SENDER_ID_MISMATCH, QUOTA_EXCEEDED,"
          + " UNAVAILABLE, INTERNAL, THIRD_PARTY_AUTH_ERROR");
    };
  }

  /**
   * {@return an error with that status, canonical status and FCM error code}
   *
   * @param status the HTTP status
   * @param canonical the canonical status, e.g. {@code NOT_FOUND}
   * @param errorCode the FCM error code in the details, or {@code null} for no FcmError detail
   */
  public static FcmAnswer error(int status, String canonical, @Nullable String errorCode) {
    return new FcmAnswer(Kind.ERROR, status, errorCode, requireNonNull(canonical, "canonical"),
        false, null, Duration.ZERO, null);
  }

  /**
   * {@return FCM's answer to a malformed registration token: 400 {@code INVALID_ARGUMENT} with a
   * field violation on {@code message.token}}
   */
  public static FcmAnswer invalidToken() {
    return new FcmAnswer(Kind.ERROR, 400, "INVALID_ARGUMENT", "INVALID_ARGUMENT", true, null,
        Duration.ZERO, null);
  }

  /**
   * {@return that status with a body written as is}, e.g. a 401 from Google's front end
   *
   * @param status the HTTP status
   * @param body the body
   */
  public static FcmAnswer raw(int status, String body) {
    return new FcmAnswer(Kind.ERROR, status, null, null, false, null, Duration.ZERO,
        requireNonNull(body, "body"));
  }

  /** {@return no answer: the connection is closed once the request is read} */
  public static FcmAnswer drop() {
    return new FcmAnswer(Kind.DROP, 0, null, null, false, null, Duration.ZERO, null);
  }

  /**
   * {@return this answer with a {@code Retry-After} header in whole seconds}
   *
   * @param after the wait the peer asks for
   */
  public FcmAnswer withRetryAfter(Duration after) {
    return new FcmAnswer(kind, status, errorCode, canonical, tokenViolation,
        requireNonNull(after, "after"), latency, rawBody);
  }

  /**
   * {@return this answer after a delay}
   *
   * @param delay how long the peer's thread waits before it answers
   */
  public FcmAnswer withLatency(Duration delay) {
    return new FcmAnswer(kind, status, errorCode, canonical, tokenViolation, retryAfter,
        requireNonNull(delay, "delay"), rawBody);
  }

  /** {@return true for an accept} */
  public boolean accepted() {
    return kind == Kind.ACCEPT;
  }

  @Override
  public String toString() {
    return switch (kind) {
      case ACCEPT -> "accept";
      case DROP -> "drop";
      case ERROR -> String.format(Locale.ROOT, "%d %s%s", status,
          errorCode != null ? errorCode : canonical != null ? canonical : "raw",
          retryAfter != null ? " Retry-After " + retryAfter.toSeconds() : "");
    };
  }
}
