package dev.notify.testkit.apns;

import static java.util.Objects.requireNonNull;

import com.eatthepath.pushy.apns.server.RejectionReason;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * How {@link MockApnsPeer} answers a push: accept, reject with an APNs reason, report the token
 * unregistered, or hang. Script them per device token with
 * {@link MockApnsPeer#respond(String, PeerResponse...)}.
 */
public sealed interface PeerResponse {

  /** @return a 200 with the request's apns-id */
  static PeerResponse accept() {
    return Accept.INSTANCE;
  }

  /**
   * @param reason the rejection, e.g. {@link RejectionReason#BAD_DEVICE_TOKEN}; for
   *     {@code Unregistered} use {@link #unregistered(Instant)}
   * @return APNs' status for that reason with {@code {"reason": "..."}}
   */
  static PeerResponse reject(RejectionReason reason) {
    return new Reject(reason);
  }

  /**
   * @param appleReason the reason as APNs writes it, e.g. {@code "BadDeviceToken"}
   * @return the rejection
   * @throws IllegalArgumentException if pushy's mock server cannot send that reason
   */
  static PeerResponse reject(String appleReason) {
    return new Reject(reasonOf(appleReason));
  }

  /**
   * @param invalidatedAt when the token stopped being valid
   * @return a 410 Unregistered with that timestamp
   */
  static PeerResponse unregistered(Instant invalidatedAt) {
    return new Unregistered(invalidatedAt);
  }

  /**
   * @return no answer until {@link MockApnsPeer#releaseHung()} or {@link MockApnsPeer#stop()},
   *     at most 60 s, then an accept. It blocks the peer's thread for that connection, so every
   *     request on the connection stalls, like an APNs connection that stopped answering.
   */
  static PeerResponse hang() {
    return new Hang(Duration.ofSeconds(60));
  }

  /** Accepts the push. */
  final class Accept implements PeerResponse {
    static final Accept INSTANCE = new Accept();

    private Accept() {
    }

    @Override
    public String toString() {
      return "accept";
    }
  }

  /** @param reason the rejection reason */
  record Reject(RejectionReason reason) implements PeerResponse {
    /** Rejects null, and Unregistered, which needs a timestamp. */
    public Reject {
      requireNonNull(reason, "reason");
      if (reason == RejectionReason.UNREGISTERED) {
        throw new IllegalArgumentException("use PeerResponse.unregistered(timestamp)");
      }
    }
  }

  /** @param invalidatedAt when the token stopped being valid */
  record Unregistered(Instant invalidatedAt) implements PeerResponse {
    /** Rejects null. */
    public Unregistered {
      requireNonNull(invalidatedAt, "invalidatedAt");
    }
  }

  /** @param max how long to hang at most */
  record Hang(Duration max) implements PeerResponse {
    /** Rejects null. */
    public Hang {
      requireNonNull(max, "max");
    }
  }

  /**
   * @param reason a rejection reason
   * @return the reason as APNs writes it, e.g. {@code "BadDeviceToken"}
   */
  static String appleReason(RejectionReason reason) {
    StringBuilder text = new StringBuilder();
    for (String word : reason.name().split("_")) {
      text.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
    }
    return text.toString();
  }

  private static RejectionReason reasonOf(String appleReason) {
    requireNonNull(appleReason, "appleReason");
    for (RejectionReason reason : RejectionReason.values()) {
      if (appleReason(reason).equals(appleReason)) {
        return reason;
      }
    }
    throw new IllegalArgumentException("pushy's mock server cannot send reason '" + appleReason
        + "'");
  }
}
