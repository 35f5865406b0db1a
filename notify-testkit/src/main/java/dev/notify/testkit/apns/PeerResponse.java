package dev.notify.testkit.apns;

import static java.util.Objects.requireNonNull;

import com.eatthepath.pushy.apns.server.RejectionReason;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * How {@link MockApnsPeer} answers a push: accept, reject with an APNs reason, report the token
 * unregistered, or hang. Script them per device token with
 * {@link dev.notify.testkit.ProviderPeer#respond(String, Object...) MockApnsPeer.respond(token,
 * responses...)}.
 */
public sealed interface PeerResponse {

  /** {@return a 200 with the request's apns-id} */
  static PeerResponse accept() {
    return Accept.INSTANCE;
  }

  /**
   * {@return APNs' status for that reason with {@code {"reason": "..."}}}
   *
   * @param reason the rejection, e.g. {@link RejectionReason#BAD_DEVICE_TOKEN}; for
   *     {@code Unregistered} use {@link #unregistered(Instant)}
   */
  static PeerResponse reject(RejectionReason reason) {
    return new Reject(reason);
  }

  /**
   * {@return the rejection}
   *
   * @param appleReason the reason as APNs writes it, e.g. {@code "BadDeviceToken"}
   * @throws IllegalArgumentException if pushy's mock server cannot send that reason
   */
  static PeerResponse reject(String appleReason) {
    return new Reject(reasonOf(appleReason));
  }

  /**
   * {@return a 410 Unregistered with that timestamp}
   *
   * @param invalidatedAt when the token stopped being valid
   */
  static PeerResponse unregistered(Instant invalidatedAt) {
    return new Unregistered(invalidatedAt);
  }

  /**
   * Hangs the request.
   *
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

  /**
   * An APNs rejection.
   *
   * @param reason the rejection reason
   */
  record Reject(RejectionReason reason) implements PeerResponse {
    /**
     * Rejects null, and Unregistered, which needs a timestamp.
     *
     * @param reason the rejection reason
     */
    public Reject {
      requireNonNull(reason, "reason");
      if (reason == RejectionReason.UNREGISTERED) {
        throw new IllegalArgumentException("use PeerResponse.unregistered(timestamp)");
      }
    }
  }

  /**
   * A 410 Unregistered.
   *
   * @param invalidatedAt when the token stopped being valid
   */
  record Unregistered(Instant invalidatedAt) implements PeerResponse {
    /**
     * Rejects null.
     *
     * @param invalidatedAt when the token stopped being valid
     */
    public Unregistered {
      requireNonNull(invalidatedAt, "invalidatedAt");
    }
  }

  /**
   * No answer for a while.
   *
   * @param max how long to hang at most
   */
  record Hang(Duration max) implements PeerResponse {
    /**
     * Rejects null.
     *
     * @param max how long to hang at most
     */
    public Hang {
      requireNonNull(max, "max");
    }
  }

  /**
   * {@return the reason as APNs writes it, e.g. {@code "BadDeviceToken"}}
   *
   * @param reason a rejection reason
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
