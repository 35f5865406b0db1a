package dev.notify.internal.engine;

import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * A reserved place in one lane's queue. A send or a claim takes it before the delivery enters
 * memory, so that whatever memory holds for a lane fits in it; the delivery's {@link WorkItem}
 * carries it, and it is released exactly once: when the item has reached the lane's queue or
 * left memory, or by the taker when no item took it (the send stored nothing, the claim went
 * back to the log).
 */
final class LanePlace {
  /** For a delivery that needs memory but no lane yet (a user or group to be resolved). */
  static final LanePlace NONE = new LanePlace(null);

  private final @Nullable Lane lane;
  private final AtomicBoolean released = new AtomicBoolean();

  LanePlace(@Nullable Lane lane) {
    this.lane = lane;
  }

  /** Gives the place back to its lane; later calls do nothing. */
  void release() {
    if (lane != null && released.compareAndSet(false, true)) {
      lane.releasePlace();
    }
  }

  @Override
  public String toString() {
    return lane == null ? "LanePlace[none]"
        : "LanePlace[" + lane.name() + (released.get() ? ", released]" : "]");
  }
}
