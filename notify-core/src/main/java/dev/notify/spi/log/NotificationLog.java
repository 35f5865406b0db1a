package dev.notify.spi.log;

import dev.notify.status.GroupMembers;
import dev.notify.status.NotificationState;
import dev.notify.status.Receipt;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Where every accepted notification and the state of each of its deliveries is kept: the queue of
 * record. Memory holds only a bounded prefetch of it. The default is
 * {@link dev.notify.inmemory.InMemoryNotificationLog}; a durable JDBC log lets several instances
 * share work.
 *
 * <p><b>Not yet stable.</b> This SPI may change while the durable implementation is built; implement
 * it against notify-testkit's {@code NotificationLogCompatibilityKit}, which states the contract.
 *
 * <h2>Time</h2>
 * The log has its own clock ({@link #now()}; for a database, the database's {@code now()}), and
 * every decision about time is taken against it: whether a delivery is due, whether an instance's
 * lease has expired, when a change happened ({@link DeliveryRecord#updatedAt()}), what is old
 * enough to purge. Callers pass durations (a lease, a retry delay), never their own instants, so
 * instances whose clocks disagree still agree about leases. The only instants a caller stores are
 * the ones that mean a moment in the world: a notification's {@code sendAt} and a policy's
 * "not before" ({@link DeliveryUpdate#deferred}).
 *
 * <h2>Claims, instance leases and fences</h2>
 * Each delivery is either unclaimed or claimed by one owner, a client instance. A claim holds as
 * long as its owner's <em>instance lease</em> lives: {@link #heartbeat} extends it, one write per
 * instance however many deliveries it holds. When an owner's lease expires (or it never had one),
 * its claims may be taken by others. Every claim increments the delivery's lease sequence;
 * transitions carry a {@link Fence} (owner + sequence) and are refused when it no longer matches,
 * so an instance that lost a claim cannot overwrite the new owner. An owner never claims again
 * what it holds.
 *
 * <h2>Errors</h2>
 * A method that cannot complete throws an unchecked exception, preferably
 * {@link dev.notify.LogUnavailableException}. The caller treats every exception other than
 * {@link LogFullException} and {@link IllegalArgumentException} as transient and ambiguous: the
 * call may or may not have taken effect. It retries, so each write must be safe to repeat after
 * an ambiguous commit:
 * <ul>
 *   <li>{@link #append} and {@link #appendAll} are put-if-absent: the repeat finds
 *       {@link AppendResult.Existing} with its own payload hash.</li>
 *   <li>{@link #transition} (and each change of {@link #transitionAll}) repeated with the same
 *       fence and an equal update after it was applied returns true again and changes nothing,
 *       even though a terminal or releasing update dropped the claim.</li>
 *   <li>{@link #expand} repeated after it was applied returns false (the placeholder is gone); the
 *       caller then looks for the replacements as ordinary due work.</li>
 *   <li>A {@link #claimDue} whose answer was lost leaves deliveries claimed that the caller does
 *       not know it holds; the caller gives them back with {@link #releaseAll}, keeping what it
 *       knows.</li>
 *   <li>{@link #heartbeat}, {@link #releaseAll}, {@link #cancel}, {@link #replay}, receipts and
 *       {@link #purge} are idempotent by their nature.</li>
 * </ul>
 *
 * <h2>Threading</h2>
 * Every method may be called from many threads at once and may block on I/O.
 */
public interface NotificationLog extends AutoCloseable {

  /** {@return the log's current time: the clock every lease and due time is measured with} */
  Instant now();

  /**
   * Stores a new notification with its deliveries, as given (state, due time and claim), if no
   * notification with its id exists. Put-if-absent is atomic: of many concurrent appends of one id,
   * from any number of instances, exactly one returns {@link AppendResult.Appended}. A QUEUED
   * delivery is due at once by the log's clock, whatever its {@code dueAt}; a SCHEDULED one at its
   * {@code dueAt}. The log stamps {@code updatedAt}.
   *
   * @param record the notification; each delivery's lease sequence is 0 or 1 (1 when claimed)
   * @return {@link AppendResult.Appended}, or {@link AppendResult.Existing} with the stored hash
   * @throws LogFullException if the log is bounded and holds as much as it may
   */
  AppendResult append(NotificationRecord record);

  /**
   * Stores several notifications in one atomic step, as {@link #append} each. Records whose id is
   * already stored with the same payload hash are duplicates and are not stored again; if any
   * record's id is stored with a <em>different</em> payload hash, nothing of the batch is stored.
   * A record that repeats an id earlier in the same batch is answered as a duplicate of that
   * record ({@link AppendResult.Existing} with the earlier record's hash, whatever its own); the
   * caller refuses batches that repeat an id with different payloads before appending them. A
   * durable log stores the batch in one transaction.
   *
   * @param records the notifications, at least one
   * @return one result per record, in order: {@link AppendResult.Appended},
   *     {@link AppendResult.Existing} with the stored hash, or {@link AppendResult.Skipped} for a
   *     new record of a batch that was refused because another conflicted
   * @throws LogFullException if the log is bounded and cannot hold the new records; nothing was
   *     stored
   */
  List<AppendResult> appendAll(List<NotificationRecord> records);

  /**
   * Claims up to {@code limit} deliveries of one channel that are due by the log's clock: state
   * QUEUED, SCHEDULED, RETRY_SCHEDULED or SENDING, {@code dueAt <= now()}, and unclaimed or claimed
   * by an owner other than {@code owner} whose instance lease has expired. Higher priority first,
   * then earliest due. Each claimed delivery gets the owner, a lease sequence one higher, and
   * state QUEUED (a SENDING delivery keeps SENDING: it may have reached the provider).
   *
   * @param channel the channel's name
   * @param owner the claiming instance; it should hold a live instance lease
   * @param limit at most this many, at least 1
   * @return the claimed deliveries, each with what sending it needs
   */
  List<ClaimedDelivery> claimDue(String channel, String owner, int limit);

  /**
   * Tells whether {@link #claimDue} for this channel by {@code owner} would claim at least one
   * delivery now, without claiming anything. The engine asks when it has no room to take work, to
   * know whether it must come back for work waiting in the log.
   *
   * @param channel the channel's name
   * @param owner the instance that would claim
   * @return true if a delivery of the channel is due and could be claimed by {@code owner}
   */
  boolean hasDue(String channel, String owner);

  /**
   * Extends the owner's instance lease to {@code now() + lease}, creating it if needed. Every
   * claim the owner holds lives as long as this lease.
   *
   * @param owner the instance
   * @param lease how long the instance's claims hold without another heartbeat; positive
   */
  void heartbeat(String owner, Duration lease);

  /**
   * Gives back every delivery the owner holds except those in {@code keep}: each becomes
   * unclaimed, due at once, in its state (a SENDING delivery stays SENDING). The engine calls it
   * at shutdown (keeping what is still in flight), at start (for claims left by an earlier process
   * with the same instance id) and after a claim whose answer was lost.
   *
   * @param owner the instance
   * @param keep delivery ids to go on holding
   * @return the number of deliveries given back
   */
  int releaseAll(String owner, Set<String> keep);

  /**
   * Applies a state change if the fence still matches. Repeating the same change with the same
   * fence after it was applied returns true and changes nothing (see the error contract).
   *
   * @param deliveryId the delivery to change
   * @param fence the claim the caller holds
   * @param update the change to apply
   * @return false if the fence did not match or the delivery is gone; nothing was changed
   */
  boolean transition(String deliveryId, Fence fence, DeliveryUpdate update);

  /**
   * Applies several fenced state changes in one call, each exactly as {@link #transition} would
   * and independently of the others: one whose fence does not match is refused and the rest
   * apply. A durable log applies the batch in one transaction, so that many deliveries' changes
   * cost one commit (the engine batches what its threads write at the same moment). A failure
   * leaves the whole call ambiguous; repeating it is safe, as for {@code transition}.
   *
   * @param transitions the changes, each to a different delivery
   * @return per change, in order, whether it was applied
   */
  List<Boolean> transitionAll(List<Transition> transitions);

  /**
   * Replaces a claimed placeholder delivery (a user recipient, see
   * {@link DeliveryRecord#RESOLVE_CHANNEL}) with the deliveries it resolved to, atomically and only
   * if the fence still matches. The replacements take the placeholder's place in the notification;
   * their ids must be new; QUEUED ones are due at once by the log's clock.
   *
   * @param deliveryId the placeholder delivery
   * @param fence the claim the caller holds on it
   * @param replacements at least one delivery of the same notification
   * @return false if the fence did not match or the placeholder is gone; nothing was changed
   */
  boolean expand(String deliveryId, Fence fence, List<DeliveryRecord> replacements);

  /**
   * Cancels every delivery of a notification that is SCHEDULED, QUEUED or RETRY_SCHEDULED,
   * whoever holds it (the holder's fence breaks). SENDING deliveries are left to finish.
   *
   * @param notificationId the notification to cancel
   * @return the deliveries this call cancelled, as they are now; empty if none
   */
  List<DeliveryRecord> cancel(String notificationId);

  /**
   * Puts every DEAD delivery of a notification back to QUEUED, unclaimed and due now, with a fresh
   * attempt count (the attempt history is kept).
   *
   * @param notificationId the notification to replay
   * @return the deliveries this call replayed, as they are now; empty if none
   */
  List<DeliveryRecord> replay(String notificationId);

  /**
   * Adds a provider receipt to the delivery of this channel that was sent with this provider
   * message id. A receipt equal to one the delivery already has is a duplicate. A receipt for an
   * id no delivery has been sent with yet is kept and added when a delivery of the channel commits
   * SENT with that id; a log keeps such receipts for at least an hour, within a bound on how many
   * it keeps (the in-memory log: 10,000, the oldest dropped first).
   *
   * @param channel the channel that sent it
   * @param providerMessageId the id the provider returned when it accepted the delivery
   * @param receipt the receipt to add
   * @return recorded (with the delivery after the change), duplicate, or kept
   */
  ReceiptResult recordReceipt(String channel, String providerMessageId, Receipt receipt);

  /**
   * Adds a provider receipt to a delivery known by its own id (a channel that passed the delivery
   * id to the provider as a reference). A receipt equal to one the delivery has is a duplicate.
   *
   * @param deliveryId the delivery's id
   * @param receipt the receipt to add
   * @return recorded, duplicate, or unknown when no delivery has that id
   */
  ReceiptResult recordReceiptFor(String deliveryId, Receipt receipt);

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
   * Removes notifications whose deliveries are all terminal and that last changed longer ago than
   * {@code finishedFor}, by the log's clock.
   *
   * @param finishedFor how long a finished notification is kept
   * @return the number of notifications removed
   */
  int purge(Duration finishedFor);

  /** Releases resources. The client does not close a log it was given. */
  @Override
  default void close() {
  }
}
