package dev.notify.event;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A channel's lane paused ({@link EventType#LANE_PAUSED}: the channel reported itself
 * unavailable or misconfigured) or resumed ({@link EventType#LANE_RESUMED}: a probe went through,
 * or {@code resumeChannel} was called).
 *
 * @param type LANE_PAUSED or LANE_RESUMED
 * @param at when, by the client's clock
 * @param channel the channel's name
 * @param reason why it paused or how it resumed
 */
public record LaneEvent(EventType type, Instant at, String channel, String reason)
    implements NotificationEvent {

  /**
   * Rejects nulls and types that are not lane events.
   *
   * @param type LANE_PAUSED or LANE_RESUMED
   * @param at when, by the client's clock
   * @param channel the channel's name
   * @param reason why it paused or how it resumed
   */
  public LaneEvent {
    requireNonNull(type, "type");
    requireNonNull(at, "at");
    requireNonNull(channel, "channel");
    requireNonNull(reason, "reason");
    if (type != EventType.LANE_PAUSED && type != EventType.LANE_RESUMED) {
      throw new IllegalArgumentException("not a lane event: " + type);
    }
  }
}
