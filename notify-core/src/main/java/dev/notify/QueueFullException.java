package dev.notify;

import dev.notify.policy.Backpressure;

/**
 * The client holds as many unfinished notifications as it may and the configured
 * {@link Backpressure} refused this one. Nothing was stored and the id was not reserved, so the
 * caller may retry the same notification later.
 */
public class QueueFullException extends NotifyException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was full and what the policy was
   */
  public QueueFullException(String message) {
    super(message);
  }
}
