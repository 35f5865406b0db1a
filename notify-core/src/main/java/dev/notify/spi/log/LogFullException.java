package dev.notify.spi.log;

import dev.notify.NotifyException;

/** A bounded {@link NotificationLog} holds as much as it may and cannot accept another record. */
public class LogFullException extends NotifyException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message how full and what bounds it
   */
  public LogFullException(String message) {
    super(message);
  }
}
