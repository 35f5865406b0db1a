package dev.notify.testkit.log;

import static java.util.Objects.requireNonNull;

import dev.notify.spi.log.AppendResult;
import dev.notify.spi.log.ClaimedDelivery;
import dev.notify.spi.log.DeliveryRecord;
import dev.notify.spi.log.DeliveryUpdate;
import dev.notify.spi.log.Fence;
import dev.notify.spi.log.NotificationLog;
import dev.notify.spi.log.NotificationRecord;
import dev.notify.spi.log.ReceiptResult;
import dev.notify.spi.log.Transition;
import dev.notify.status.GroupMembers;
import dev.notify.status.Receipt;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A {@link NotificationLog} that hands every call to another one: extend it and override what a
 * test wants to watch, count or break (Guava's {@code ForwardingObject} pattern). To make calls
 * fail, {@link FaultInjectingNotificationLog} is ready-made.
 *
 * <pre>{@code
 * AtomicInteger claims = new AtomicInteger();
 * NotificationLog counting = new ForwardingNotificationLog(InMemoryNotificationLog.create()) {
 *   public List<ClaimedDelivery> claimDue(String channel, String owner, int limit) {
 *     List<ClaimedDelivery> claimed = super.claimDue(channel, owner, limit);
 *     claims.addAndGet(claimed.size());
 *     return claimed;
 *   }
 * };
 * }</pre>
 */
public class ForwardingNotificationLog implements NotificationLog {
  private final NotificationLog delegate;

  /**
   * Forwards to a log.
   *
   * @param delegate the log that does the work
   */
  public ForwardingNotificationLog(NotificationLog delegate) {
    this.delegate = requireNonNull(delegate, "delegate");
  }

  /** {@return the log that does the work} */
  protected NotificationLog delegate() {
    return delegate;
  }

  @Override
  public Instant now() {
    return delegate.now();
  }

  @Override
  public AppendResult append(NotificationRecord record) {
    return delegate.append(record);
  }

  @Override
  public List<AppendResult> appendAll(List<NotificationRecord> records) {
    return delegate.appendAll(records);
  }

  @Override
  public List<ClaimedDelivery> claimDue(String channel, String owner, int limit) {
    return delegate.claimDue(channel, owner, limit);
  }

  @Override
  public boolean hasDue(String channel, String owner) {
    return delegate.hasDue(channel, owner);
  }

  @Override
  public void heartbeat(String owner, Duration lease) {
    delegate.heartbeat(owner, lease);
  }

  @Override
  public int releaseAll(String owner, Set<String> keep) {
    return delegate.releaseAll(owner, keep);
  }

  @Override
  public boolean transition(String deliveryId, Fence fence, DeliveryUpdate update) {
    return delegate.transition(deliveryId, fence, update);
  }

  @Override
  public List<Boolean> transitionAll(List<Transition> transitions) {
    return delegate.transitionAll(transitions);
  }

  @Override
  public boolean expand(String deliveryId, Fence fence, List<DeliveryRecord> replacements) {
    return delegate.expand(deliveryId, fence, replacements);
  }

  @Override
  public List<DeliveryRecord> cancel(String notificationId) {
    return delegate.cancel(notificationId);
  }

  @Override
  public List<DeliveryRecord> replay(String notificationId) {
    return delegate.replay(notificationId);
  }

  @Override
  public ReceiptResult recordReceipt(String channel, String providerMessageId, Receipt receipt) {
    return delegate.recordReceipt(channel, providerMessageId, receipt);
  }

  @Override
  public ReceiptResult recordReceiptFor(String deliveryId, Receipt receipt) {
    return delegate.recordReceiptFor(deliveryId, receipt);
  }

  @Override
  public Optional<NotificationRecord> find(String notificationId) {
    return delegate.find(notificationId);
  }

  @Override
  public GroupMembers members(String parentId) {
    return delegate.members(parentId);
  }

  @Override
  public List<NotificationRecord> history(String recipientKey, int limit) {
    return delegate.history(recipientKey, limit);
  }

  @Override
  public List<NotificationRecord> deadLetters(@Nullable String channel, int limit) {
    return delegate.deadLetters(channel, limit);
  }

  @Override
  public int purge(Duration finishedFor) {
    return delegate.purge(finishedFor);
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + delegate + "]";
  }
}
