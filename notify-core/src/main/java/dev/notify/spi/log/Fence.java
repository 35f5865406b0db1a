package dev.notify.spi.log;

import static java.util.Objects.requireNonNull;

/**
 * Proof that the caller still holds a delivery's claim.
 *
 * @param owner the claiming instance's id
 * @param seq the lease sequence the claim was granted with
 */
public record Fence(String owner, long seq) {
  /**
   * Rejects a null owner.
   *
   * @param owner the claiming instance's id
   * @param seq the lease sequence the claim was granted with
   */
  public Fence {
    requireNonNull(owner, "owner");
  }
}
