package dev.notify.spi.log;

import static java.util.Objects.requireNonNull;

import dev.notify.Priority;
import dev.notify.Recipient;
import dev.notify.status.Attempt;
import dev.notify.status.DeliveryState;
import dev.notify.status.Receipt;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The stored state of one delivery.
 *
 * @param id {@code <notification id>/<n>}
 * @param notificationId the notification
 * @param channel the channel's name
 * @param address the address; a {@link Recipient.User} or {@link Recipient.Group} for a placeholder
 *     that is resolved to addresses at dispatch (channel {@link #RESOLVE_CHANNEL})
 * @param userId the user this delivery was resolved for, or {@code null} for a direct address
 * @param priority the notification's priority (claims take higher first)
 * @param state the state
 * @param attemptCount attempts counted against the retry policy since acceptance or replay
 * @param attempts every attempt, oldest first
 * @param dueAt when it may be claimed for its next step, by the log's clock
 * @param owner the claiming instance, or {@code null} when unclaimed; the claim holds while the
 *     owner's instance lease ({@link NotificationLog#heartbeat}) lives
 * @param leaseSeq incremented on every claim (and on cancel and replay)
 * @param reason why it is in a terminal or paused state, or {@code null}
 * @param providerMessageId the provider's id once sent, or {@code null}
 * @param receipts later provider receipts
 * @param updatedAt when it last changed
 */
public record DeliveryRecord(String id, String notificationId, String channel,
    Recipient address, @Nullable String userId, Priority priority, DeliveryState state,
    int attemptCount, List<Attempt> attempts, Instant dueAt, @Nullable String owner, long leaseSeq, @Nullable String reason,
    @Nullable String providerMessageId, List<Receipt> receipts, Instant updatedAt) {

  /**
   * The channel name of placeholder deliveries: a user or group recipient waiting to be resolved
   * at dispatch. No real channel may use it (channel names cannot start with {@code @}).
   */
  public static final String RESOLVE_CHANNEL = "@resolve";

  /**
   * Rejects nulls where a value is required and copies the lists.
   *
   * @param id {@code <notification id>/<n>}
   * @param notificationId the notification
   * @param channel the channel's name
   * @param address the address; a {@link Recipient.User} or {@link Recipient.Group} for a
   *     placeholder that is resolved to addresses at dispatch (channel {@link #RESOLVE_CHANNEL})
   * @param userId the user this delivery was resolved for, or {@code null} for a direct address
   * @param priority the notification's priority (claims take higher first)
   * @param state the state
   * @param attemptCount attempts counted against the retry policy since acceptance or replay
   * @param attempts every attempt, oldest first
   * @param dueAt when it may be claimed for its next step, by the log's clock
   * @param owner the claiming instance, or {@code null} when unclaimed
   * @param leaseSeq incremented on every claim (and on cancel and replay)
   * @param reason why it is in a terminal or paused state, or {@code null}
   * @param providerMessageId the provider's id once sent, or {@code null}
   * @param receipts later provider receipts
   * @param updatedAt when it last changed
   */
  public DeliveryRecord {
    requireNonNull(id, "id");
    requireNonNull(notificationId, "notificationId");
    requireNonNull(channel, "channel");
    requireNonNull(address, "address");
    requireNonNull(priority, "priority");
    requireNonNull(state, "state");
    requireNonNull(dueAt, "dueAt");
    requireNonNull(updatedAt, "updatedAt");
    attempts = List.copyOf(attempts);
    receipts = List.copyOf(receipts);
  }

  /**
   * A new delivery as {@code send} stores it.
   *
   * @param id {@code <notification id>/<n>}
   * @param notificationId the notification
   * @param channel the channel's name
   * @param address the address; a {@link Recipient.User} or {@link Recipient.Group} for a
   *     placeholder that is resolved to addresses at dispatch (channel {@link #RESOLVE_CHANNEL})
   * @param priority the notification's priority (claims take higher first)
   * @param state the state
   * @param dueAt when it may be claimed for its next step
   * @param owner the claiming instance, or {@code null} to leave it for a later claim
   * @param now the current time, stored as {@code updatedAt}
   * @return the new delivery, with no attempts yet
   */
  public static DeliveryRecord create(String id, String notificationId, String channel,
      Recipient address, Priority priority, DeliveryState state, Instant dueAt,
      @Nullable String owner, Instant now) {
    return create(id, notificationId, channel, address, null, priority, state, dueAt, owner, now);
  }

  /**
   * A new delivery resolved for a user.
   *
   * @param id {@code <notification id>/<n>}
   * @param notificationId the notification
   * @param channel the channel's name
   * @param address the address; a {@link Recipient.User} or {@link Recipient.Group} for a
   *     placeholder that is resolved to addresses at dispatch (channel {@link #RESOLVE_CHANNEL})
   * @param userId the user, or {@code null} for a direct address
   * @param priority the notification's priority (claims take higher first)
   * @param state the state
   * @param dueAt when it may be claimed for its next step
   * @param owner the claiming instance, or {@code null} to leave it for a later claim
   * @param now the current time, stored as {@code updatedAt}
   * @return the new delivery, with no attempts yet
   */
  public static DeliveryRecord create(String id, String notificationId, String channel,
      Recipient address, @Nullable String userId, Priority priority, DeliveryState state,
      Instant dueAt, @Nullable String owner, Instant now) {
    return new DeliveryRecord(id, notificationId, channel, address, userId, priority, state, 0,
        List.of(), dueAt, owner, owner == null ? 0 : 1, null, null, List.of(), now);
  }

  /** {@return true for a user or group placeholder that dispatch resolves to addresses} */
  public boolean isPlaceholder() {
    return !(address instanceof Recipient.Address);
  }

  /** {@return the fence of the current claim, if claimed} */
  public Optional<Fence> fence() {
    return owner == null ? Optional.empty() : Optional.of(new Fence(owner, leaseSeq));
  }

  /**
   * {@return a copy with the change applied (the caller has checked the fence)}
   *
   * @param u the change: new state, an attempt to record, due time, claim release
   * @param now the log's current time: {@code updatedAt}, and the base of a relative due time
   */
  public DeliveryRecord apply(DeliveryUpdate u, Instant now) {
    List<Attempt> newAttempts = attempts;
    int count = attemptCount;
    if (u.attempt() != null) {
      newAttempts = new java.util.ArrayList<>(attempts);
      newAttempts.add(u.attempt());
      if (u.countsAttempt()) {
        count++;
      }
    }
    boolean release = u.release() || u.state().isTerminal();
    return new DeliveryRecord(id, notificationId, channel, address, userId, priority, u.state(), count,
        newAttempts, u.dueAt(now).orElse(dueAt), release ? null : owner, leaseSeq, u.reason(),
        u.providerMessageId() != null ? u.providerMessageId() : providerMessageId, receipts, now);
  }

  /**
   * {@return a copy claimed by {@code owner} with the next lease sequence}
   *
   * @param newOwner the claiming instance
   * @param now the current time, stored as {@code updatedAt}
   */
  public DeliveryRecord claim(String newOwner, Instant now) {
    DeliveryState next = state == DeliveryState.SENDING ? state : DeliveryState.QUEUED;
    return new DeliveryRecord(id, notificationId, channel, address, userId, priority, next, attemptCount,
        attempts, dueAt, newOwner, leaseSeq + 1, reason, providerMessageId, receipts, now);
  }

  /**
   * {@return a copy in {@code newState}, unclaimed, with the next lease sequence (cancel, replay)}
   *
   * @param newState the state to put the delivery in
   * @param newAttemptCount the attempt count to start from (0 on replay)
   * @param newReason the reason for the new state, or {@code null}
   * @param now the current time: the new due time and {@code updatedAt}
   */
  public DeliveryRecord reset(DeliveryState newState, int newAttemptCount,
      @Nullable String newReason, Instant now) {
    return new DeliveryRecord(id, notificationId, channel, address, userId, priority, newState,
        newAttemptCount, attempts, now, null, leaseSeq + 1, newReason, providerMessageId,
        receipts, now);
  }

  /**
   * {@return a copy with one more receipt}
   *
   * @param receipt the provider receipt to add
   */
  public DeliveryRecord withReceipt(Receipt receipt) {
    List<Receipt> r = new java.util.ArrayList<>(receipts);
    r.add(receipt);
    return new DeliveryRecord(id, notificationId, channel, address, userId, priority, state, attemptCount,
        attempts, dueAt, owner, leaseSeq, reason, providerMessageId, r, updatedAt);
  }
}
