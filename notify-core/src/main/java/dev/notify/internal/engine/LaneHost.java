package dev.notify.internal.engine;

import dev.notify.spi.DeliveryResult;
import org.jspecify.annotations.Nullable;

/** What a {@link Lane} needs from the engine. */
interface LaneHost {
  /**
   * Records SENDING; false when the item must not be sent (claim lost or expired while queued),
   * in which case the host has already ended or dropped it.
   */
  boolean markSending(Lane lane, WorkItem item);

  /**
   * Recording SENDING threw (the log failed): the item has left the lane's places in flight and
   * is the host's to put back later.
   */
  void sendingNotRecorded(Lane lane, WorkItem item, RuntimeException error);

  /** Handles a result on the lane's executor (log, listeners, retries). */
  void onResult(Lane lane, WorkItem item, @Nullable DeliveryResult result,
      @Nullable Throwable error);

  /**
   * A batch of results was handled on this thread (see {@link #onResult}): write what they left
   * to write, and run {@code whenWritten} once it is written (on this thread or on the one that
   * wrote it). Called after every batch.
   */
  void resultsHandled(Lane lane, Runnable whenWritten);

  /** The circuit opened or closed. */
  void onCircuit(Lane lane, boolean paused, String reason);

  /** The lane has room again and work for it may be waiting in the log. */
  void laneHasRoom(Lane lane);
}
