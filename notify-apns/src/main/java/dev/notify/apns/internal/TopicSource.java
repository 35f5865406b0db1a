package dev.notify.apns.internal;

/**
 * Where a request's topic came from. A topic error on the channel's own topic breaks every
 * delivery (configuration); on a topic one notification chose it breaks only that one.
 */
public enum TopicSource {
  /** The channel's default topic, as configured. */
  DEFAULT,
  /** The default topic with the push type's suffix appended, e.g. {@code .voip}. */
  DERIVED,
  /** {@code ApnsOptions.topic} of this notification. */
  OVERRIDE
}
