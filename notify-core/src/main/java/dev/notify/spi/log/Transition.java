package dev.notify.spi.log;

import static java.util.Objects.requireNonNull;

/**
 * One fenced state change in a {@link NotificationLog#transitionAll} batch.
 *
 * @param deliveryId the delivery to change
 * @param fence the claim the caller holds
 * @param update the change to apply
 */
public record Transition(String deliveryId, Fence fence, DeliveryUpdate update) {
  /**
   * Rejects nulls.
   *
   * @param deliveryId the delivery to change
   * @param fence the claim the caller holds
   * @param update the change to apply
   */
  public Transition {
    requireNonNull(deliveryId, "deliveryId");
    requireNonNull(fence, "fence");
    requireNonNull(update, "update");
  }
}
