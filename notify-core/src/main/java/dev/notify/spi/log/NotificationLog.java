package dev.notify.spi.log;

import dev.notify.status.GroupMembers;
import dev.notify.status.NotificationState;
import dev.notify.status.Receipt;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Where every accepted notification and the state of each of its deliveries is kept: the queue of
 * record. Memory holds only a bounded prefetch of it. The default is
 * {@link dev.notify.inmemory.InMemoryNotificationLog}; a durable JDBC log lets several instances share work.
 *
 * <p><b>Not yet stable.</b> This SPI may change while the durable implementation is built; implement
 * it against notify-testkit's {@code NotificationLogCompatibilityKit}, which states the contract.
 *
 * <h2>Claims and fences</h2>
 * Each delivery is either unclaimed or claimed by one owner (a client instance) until a lease
 * expiry. Every claim increments the delivery's lease sequence; transitions and renewals carry a
 * {@link Fence} (owner + sequence) and are refused when it no longer matches, so an instance that
 * lost its lease cannot overwrite the new owner. Only expired leases are taken over.
 *
 * <h2>Threading</h2>
 * Every method may be called from many threads at once and may block on I/O.
 */
public interface NotificationLog extends AutoCloseable {

  /**
   * Stores a new notification with its deliveries, as given (state, due time and claim), if no
   * notification with its id exists. Put-if-absent is atomic: of many concurrent appends of one id
   * exactly one returns {@link AppendResult.Appended}.
   *
   * @param record the notification; each delivery's lease sequence is 0 or 1 (1 when claimed)
   * @return appended, or the record already stored under that id
   * @throws LogFullException if the log is bounded and holds as much as it may
   */
  AppendResult append(NotificationRecord record);

  /**
   * Claims up to {@code limit} deliveries of one channel that are due: state QUEUED, SCHEDULED,
   * RETRY_SCHEDULED or SENDING, {@code dueAt <= now}, and unclaimed or with an expired lease
   * ({@code leaseUntil <= now}). Higher priority first, then earliest due. Each claimed delivery
   * gets the owner, the lease, a lease sequence one higher, and state QUEUED (a SENDING delivery
   * whose lease expired keeps SENDING: it may have reached the provider).
   *
   * @param channel the channel's name
   * @param owner the claiming instance
   * @param now the current time
   * @param leaseUntil when the new claims expire
   * @param limit at most this many, at least 1
   * @return the claimed deliveries, each with its notification
   */
  List<ClaimedDelivery> claimDue(String channel, String owner, Instant now, Instant leaseUntil,
      int limit);

  /**
   * Tells whether {@link #claimDue} for this channel at {@code now} would claim at least one
   * delivery, without claiming anything. The engine asks when it has no room to take work, to know
   * whether it must come back for work waiting in the log.
   *
   * @param channel the channel's name
   * @param now the current time
   * @return true if a delivery of the channel is due and unclaimed or its lease has expired
   */
  boolean hasDue(String channel, Instant now);

  /**
   * Extends leases that are still held.
   *
   * @param claims delivery id → the fence the caller holds
   * @param leaseUntil the new lease expiry
   * @return the ids whose fence no longer matched (the caller lost them)
   */
  Set<String> renew(Map<String, Fence> claims, Instant leaseUntil);

  /**
   * Applies a state change if the fence still matches.
   *
   * @param deliveryId the delivery to change
   * @param fence the claim the caller holds
   * @param update the change to apply
   * @return false if the fence did not match or the delivery is gone; nothing was changed
   */
  boolean transition(String deliveryId, Fence fence, DeliveryUpdate update);

  /**
   * Replaces a claimed placeholder delivery (a user recipient, see
   * {@link DeliveryRecord#RESOLVE_CHANNEL}) with the deliveries it resolved to, atomically and only
   * if the fence still matches. The replacements take the placeholder's place in the notification;
   * their ids must be new.
   *
   * @param deliveryId the placeholder delivery
   * @param fence the claim the caller holds on it
   * @param replacements at least one delivery of the same notification
   * @return false if the fence did not match; nothing was changed
   */
  boolean expand(String deliveryId, Fence fence, List<DeliveryRecord> replacements);

  /**
   * Cancels every delivery of a notification that is SCHEDULED, QUEUED or RETRY_SCHEDULED,
   * whoever holds it (the holder's fence breaks). SENDING deliveries are left to finish.
   *
   * @param notificationId the notification to cancel
   * @param now the current time, stored as the deliveries' {@code updatedAt}
   * @return the number of deliveries cancelled
   */
  int cancel(String notificationId, Instant now);

  /**
   * Puts every DEAD delivery of a notification back to QUEUED, unclaimed and due now, with a fresh
   * attempt count (the attempt history is kept).
   *
   * @param notificationId the notification to replay
   * @param now the current time: the new due time and {@code updatedAt}
   * @return the number of deliveries replayed
   */
  int replay(String notificationId, Instant now);

  /**
   * Adds a provider receipt to the delivery sent with this provider message id.
   *
   * @param providerMessageId the id the provider returned when it accepted the delivery
   * @param receipt the receipt to add
   * @return the delivery after the change, or empty if none is known under that id
   */
  Optional<DeliveryRecord> recordReceipt(String providerMessageId, Receipt receipt);

  /**
   * {@return the notification with this id, if stored}
   *
   * @param notificationId the notification's id
   */
  Optional<NotificationRecord> find(String notificationId);

  /**
   * Counts the members of a group broadcast: the stored notifications whose
   * {@link NotificationRecord#parentId()} is this id, by {@link NotificationState} (the
   * {@link NotificationState#of summary} of each member's deliveries). Called for every status
   * of a broadcast and whenever one of its members finishes, so it must not read every member:
   * keep the counts as members are appended and change state.
   *
   * @param parentId the broadcast's notification id
   * @return its members by state; {@link GroupMembers#NONE} when it has none
   */
  GroupMembers members(String parentId);

  /**
   * {@return the notifications that named this recipient, newest first}
   *
   * @param recipientKey a {@link dev.notify.Recipient#key()}
   * @param limit at most this many, at least 1
   */
  List<NotificationRecord> history(String recipientKey, int limit);

  /**
   * {@return notifications with at least one DEAD delivery, most recently updated first}
   *
   * @param channel only deliveries of this channel, or {@code null} for all
   * @param limit at most this many, at least 1
   */
  List<NotificationRecord> deadLetters(@Nullable String channel, int limit);

  /**
   * Removes notifications whose deliveries are all terminal and last changed before the instant.
   *
   * @param finishedBefore the instant before which finished notifications are removed
   * @return the number of notifications removed
   */
  int purge(Instant finishedBefore);

  /** Releases resources. The client does not close a log it was given. */
  @Override
  default void close() {
  }
}
