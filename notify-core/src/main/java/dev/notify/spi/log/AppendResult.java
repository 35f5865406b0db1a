package dev.notify.spi.log;

import static java.util.Objects.requireNonNull;

/** The answer of {@link NotificationLog#append} for one record, and of {@link NotificationLog#appendAll}. */
public sealed interface AppendResult {

  /** The notification was stored. */
  record Appended() implements AppendResult {
  }

  /**
   * Nothing was stored: a notification with this id already exists. Its payload hash tells a
   * duplicate (equal hash) from a conflict (a different notification under the same id).
   *
   * @param payloadHash the {@link NotificationRecord#payloadHash()} stored under the id
   */
  record Existing(String payloadHash) implements AppendResult {
    /**
     * Rejects a null hash.
     *
     * @param payloadHash the payload hash stored under the id
     */
    public Existing {
      requireNonNull(payloadHash, "payloadHash");
    }
  }

  /**
   * Nothing was stored for this record although its id is new: another record of the same
   * {@link NotificationLog#appendAll} conflicted, so the whole batch was refused.
   */
  record Skipped() implements AppendResult {
  }
}
