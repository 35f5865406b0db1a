package dev.notify.spi.log;

/** The answer of {@link NotificationLog#append}. */
public sealed interface AppendResult {

  /** The notification was stored. */
  record Appended() implements AppendResult {
  }

  /**
   * Nothing was stored: a notification with this id already exists.
   *
   * @param existing the notification already stored under the same id
   */
  record Existing(NotificationRecord existing) implements AppendResult {
  }
}
