package dev.notify.status;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A provider's later report about a sent message (an SMS delivery report, an email bounce). It is
 * added to the delivery's status; the delivery stays SENT.
 *
 * @param kind delivered or not
 * @param at when the provider says it happened
 * @param detail the provider's status or reason, or {@code null}
 */
public record Receipt(Kind kind, Instant at, @Nullable String detail) {
  /** What the receipt says. */
  public enum Kind {
    /** The provider reports the message reached the device or mailbox. */
    DELIVERED,
    /** The provider reports the message could not be delivered. */
    UNDELIVERED,
    /**
     * The provider reports the message could not be delivered because the address does not exist
     * (an email hard bounce with 5.1.1, say): like {@link #UNDELIVERED}, and the recipient
     * directory forgets the address of a user's delivery, as for an address-invalid answer at
     * send time.
     */
    ADDRESS_INVALID
  }

  /**
   * Rejects null kind and time.
   *
   * @param kind delivered or not
   * @param at when the provider says it happened
   * @param detail the provider's status or reason, or {@code null}
   */
  public Receipt {
    requireNonNull(kind, "kind");
    requireNonNull(at, "at");
  }
}
