package dev.notify.recipient;

import static java.util.Objects.requireNonNull;

import dev.notify.ChannelType;
import dev.notify.Recipient;
import java.time.Instant;

/**
 * One address of a user and when it was registered. The registration time decides whether a
 * provider's "no longer valid since T" report removes it: an address registered after T (the app
 * re-registered the device token) is kept.
 *
 * @param address the address
 * @param registeredAt when the address was registered or last confirmed by the user's device;
 *     {@link Instant#EPOCH} when unknown, so any invalidation removes it
 */
public record Contact(Recipient.Address address, Instant registeredAt) {
  /**
   * Rejects nulls.
   *
   * @param address the address
   * @param registeredAt when the address was registered or last confirmed by the user's device;
   *     {@link Instant#EPOCH} when unknown, so any invalidation removes it
   */
  public Contact {
    requireNonNull(address, "address");
    requireNonNull(registeredAt, "registeredAt");
  }

  /** {@return the address's channel type} */
  public ChannelType type() {
    return address.type();
  }
}
