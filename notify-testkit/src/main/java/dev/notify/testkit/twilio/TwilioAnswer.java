package dev.notify.testkit.twilio;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How {@link TwilioPeer} answers one message request to a phone number: scripted per number with
 * {@link TwilioPeer#respond(String, Object[])}.
 *
 * <pre>{@code
 * peer.respond("+33612000001", TwilioAnswer.error(400, 21211, "Invalid 'To' Phone Number"));
 * peer.respond("+33612000002", TwilioAnswer.tooManyRequests(Duration.ofSeconds(2)),
 *     TwilioAnswer.accept());                          // throttled once, then accepted
 * peer.respond("+33612000003", TwilioAnswer.silent()); // never answers: a read timeout
 * peer.respond("+33612000004", TwilioAnswer.drop());   // closes the connection unanswered
 * }</pre>
 *
 * @param kind what the peer does
 * @param status the HTTP status (201 for an accepted message; 0 for {@link Kind#SILENT} and
 *     {@link Kind#DROP})
 * @param code Twilio's error code for an error (21211, 20429, …), 0 otherwise
 * @param message Twilio's error message, empty for an accepted message
 * @param retryAfter the {@code Retry-After} header to send, or {@code null} for none
 * @param latency how long to wait before answering; zero for at once
 */
public record TwilioAnswer(Kind kind, int status, int code, String message,
    @Nullable Duration retryAfter, Duration latency) {

  /** What the peer does with the request. */
  public enum Kind {
    /** 201 Created with a Message JSON, status {@code queued}. */
    ACCEPT,
    /** The scripted status with Twilio's error JSON. */
    ERROR,
    /** Reads the request and never answers, holding the connection open. */
    SILENT,
    /** Reads the request and closes the connection without an answer. */
    DROP
  }

  /**
   * Checks the answer.
   *
   * @param kind what the peer does
   * @param status the HTTP status
   * @param code Twilio's error code
   * @param message Twilio's error message
   * @param retryAfter the Retry-After header, or {@code null}
   * @param latency the delay before the answer
   * @throws IllegalArgumentException if an error's status is not 400 to 599, or the latency is
   *     negative
   */
  public TwilioAnswer {
    requireNonNull(kind, "kind");
    requireNonNull(message, "message");
    requireNonNull(latency, "latency");
    if (kind == Kind.ERROR && (status < 400 || status > 599)) {
      throw new IllegalArgumentException("an error's HTTP status is 400 to 599: " + status);
    }
    if (latency.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative: " + latency);
    }
  }

  /** {@return 201 with a queued Message: the peer's default answer} */
  public static TwilioAnswer accept() {
    return new TwilioAnswer(Kind.ACCEPT, 201, 0, "", null, Duration.ZERO);
  }

  /**
   * {@return an error answer, e.g. {@code error(400, 21211, "Invalid 'To' Phone Number")}}
   *
   * @param status the HTTP status, 400 to 599
   * @param code Twilio's error code
   * @param message Twilio's error message
   */
  public static TwilioAnswer error(int status, int code, String message) {
    return new TwilioAnswer(Kind.ERROR, status, code, message, null, Duration.ZERO);
  }

  /**
   * {@return 429 with code 20429 and a Retry-After header}
   *
   * @param retryAfter the header's value, in whole seconds
   */
  public static TwilioAnswer tooManyRequests(Duration retryAfter) {
    return new TwilioAnswer(Kind.ERROR, 429, 20429, "Too Many Requests",
        requireNonNull(retryAfter, "retryAfter"), Duration.ZERO);
  }

  /** {@return an answer that never comes: the client's read timeout ends the request} */
  public static TwilioAnswer silent() {
    return new TwilioAnswer(Kind.SILENT, 0, 0, "", null, Duration.ZERO);
  }

  /** {@return an answer that closes the connection without a response} */
  public static TwilioAnswer drop() {
    return new TwilioAnswer(Kind.DROP, 0, 0, "", null, Duration.ZERO);
  }

  /**
   * {@return this answer given after a delay}
   *
   * @param delay how long the peer waits before answering
   */
  public TwilioAnswer after(Duration delay) {
    return new TwilioAnswer(kind, status, code, message, retryAfter, delay);
  }

  /** {@return true if this answer accepts the message} */
  public boolean accepted() {
    return kind == Kind.ACCEPT;
  }
}
