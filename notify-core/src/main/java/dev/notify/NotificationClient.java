package dev.notify;

import dev.notify.spi.Channel;
import dev.notify.status.ClientStats;
import dev.notify.status.NotificationStatus;
import dev.notify.status.Receipt;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Sends notifications. Build one per application with {@link #builder()}, share it, and close it on
 * shutdown. Thread-safe.
 *
 * <pre>{@code
 * try (NotificationClient client = NotificationClient.builder()
 *     .channel(ApnsChannel.builder()...build())
 *     .listener(event -> log.info("{}", event))
 *     .build()) {
 *   SendReceipt receipt = client.send(Notification.builder()
 *       .id("order-1234-shipped")
 *       .to(Recipient.apnsToken(token))
 *       .title("Your order shipped")
 *       .build());
 *   receipt.completion().thenAccept(status -> ...);
 * }
 * }</pre>
 *
 * <p>{@code send} returns once the notification is stored in the {@link dev.notify.spi.log.NotificationLog};
 * delivery happens on the client's own threads, with retries, and is reported through listeners,
 * {@link #status(String)} and the receipt's future.
 */
public interface NotificationClient extends AutoCloseable {

  /** {@return a builder with the defaults described on each of its methods} */
  static NotificationClientBuilder builder() {
    return new NotificationClientBuilder();
  }

  /**
   * Validates, deduplicates and stores a notification, then queues its deliveries.
   *
   * @param notification the notification to send
   * @return the receipt; {@code duplicate} is true when this id was already accepted with the same
   *     payload (nothing new is sent)
   * @throws InvalidNotificationException when the notification breaks a rule; nothing is stored
   * @throws IdempotencyConflictException when the id was used for a different payload
   * @throws QueueFullException when the backpressure policy refuses it; nothing is stored
   * @throws IllegalStateException when the client is closed
   */
  SendReceipt send(Notification notification);

  /**
   * Validates a notification exactly as {@link #send} does and returns the record {@code send}
   * would store, without storing or queueing anything: every delivery unclaimed (owner none,
   * lease sequence 0), QUEUED and due now, or SCHEDULED at its {@code sendAt}. For a durable
   * log's transactional outbox (notify-jdbc's {@code JdbcOutbox}), which appends the record in
   * the caller's own database transaction; this client's workers then claim it from the log once
   * that transaction has committed, within a poll interval. Deduplication and the idempotency
   * check are the log's (its unique key on the id), not this client's in-memory cache.
   *
   * @param notification the notification to check
   * @return the record to append, accepted now by this client's clock
   * @throws InvalidNotificationException when the notification breaks a rule
   * @throws UnsupportedOperationException if this client cannot prepare records (the default)
   * @throws IllegalStateException when the client is closed
   */
  default dev.notify.spi.log.NotificationRecord prepare(Notification notification) {
    throw new UnsupportedOperationException(getClass().getName()
        + " cannot prepare records for a transactional outbox");
  }

  /**
   * Like {@link #send} but never blocks the caller: the work runs on a client thread. Failures
   * (invalid, conflict, full) complete the future exceptionally.
   *
   * @param notification the notification to send
   * @return a future of the receipt, completed exceptionally where {@link #send} would throw
   */
  CompletableFuture<SendReceipt> sendAsync(Notification notification);

  /**
   * Sends a batch: every notification is validated first and none is stored if any is invalid; with
   * REJECT backpressure the whole batch is refused when it does not fit.
   *
   * @param notifications the notifications to send
   * @return one receipt per notification, in order
   */
  List<SendReceipt> sendAll(Collection<Notification> notifications);

  /**
   * Cancels the deliveries of a notification that are scheduled, queued or waiting for a retry.
   * Deliveries already handed to a provider finish.
   *
   * @param notificationId the notification's id
   * @return true if at least one delivery was cancelled
   */
  boolean cancel(String notificationId);

  /**
   * {@return the notification's status, if the log still holds it}
   *
   * @param notificationId the notification's id
   */
  Optional<NotificationStatus> status(String notificationId);

  /**
   * {@return notifications for that recipient, newest first}
   *
   * @param recipient a direct address, user or group
   * @param limit at most this many, at least 1
   */
  List<NotificationStatus> history(Recipient recipient, int limit);

  /**
   * {@return notifications with at least one DEAD delivery, most recent first}
   *
   * @param limit at most this many, at least 1
   */
  List<NotificationStatus> deadLetters(int limit);

  /**
   * {@return notifications with a DEAD delivery on that channel, most recent first}
   *
   * @param channel a channel name
   * @param limit at most this many, at least 1
   */
  List<NotificationStatus> deadLetters(String channel, int limit);

  /**
   * Sends the DEAD deliveries of a notification again, with the same id and a fresh attempt count.
   *
   * @param notificationId the notification's id
   * @return a receipt for the replay, or empty if the notification has no DEAD delivery
   */
  Optional<SendReceipt> replay(String notificationId);

  /**
   * Records a provider's receipt (a delivery report, a bounce) that reached the host's own
   * web-hook endpoint, for the delivery the channel sent with this provider message id. Any
   * instance sharing the log may record it, whichever instance sent the delivery. A receipt that
   * arrives before the delivery's SENT is committed is kept by the log and added then; a provider
   * that reports the same receipt twice is recorded once. Listeners get a
   * {@link dev.notify.event.EventType#RECEIPT} event when the receipt is added to a known delivery.
   *
   * @param channel the channel's configured name
   * @param providerMessageId the id the provider gave the message when it accepted it
   * @param receipt what the provider reports
   * @return false if the delivery already has an equal receipt (a duplicate report)
   * @throws IllegalArgumentException if no channel has that name
   * @throws LogUnavailableException if the log failed; recording again is safe
   */
  boolean recordReceipt(String channel, String providerMessageId, Receipt receipt);

  /**
   * Records a provider's receipt for a delivery known by its own id, for providers that echo a
   * reference the channel gave them (a status-callback URL parameter, a custom header) rather
   * than their own message id. Any instance sharing the log may record it.
   *
   * @param deliveryId the delivery's id ({@code <notification id>/<n>}, as in
   *     {@link dev.notify.status.DeliveryStatus#deliveryId()})
   * @param receipt what the provider reports
   * @return false if no delivery has that id, or it already has an equal receipt
   * @throws LogUnavailableException if the log failed; recording again is safe
   */
  boolean recordDeliveryReceipt(String deliveryId, Receipt receipt);

  /**
   * Closes a channel's circuit by hand (after fixing a configuration error, say) and resumes its
   * lane at once.
   *
   * @param channelName the channel's configured name
   * @throws IllegalArgumentException if no channel has that name
   */
  void resumeChannel(String channelName);

  /**
   * Forgets the cached directory lookup of a user, so the next dispatch reads the directory again.
   * Call it when a user's addresses, locale or time zone change; otherwise lookups are cached for
   * 30 seconds. Does nothing without a recipient directory.
   *
   * @param userId the user's id
   */
  void invalidateRecipient(String userId);

  /** {@return a snapshot of queue depths, counters and latency} */
  ClientStats stats();

  /**
   * Stops intake, lets queued and in-flight work finish for up to {@code timeout}, then releases
   * what is still queued back to the log for the next start and closes the channels.
   *
   * @param timeout how long to wait for work in memory to finish
   * @return true if everything in memory finished within the timeout
   */
  boolean shutdown(Duration timeout);

  /** {@link #shutdown(Duration)} with 30 seconds. */
  @Override
  void close();

  /** {@return the channels, by name (for diagnostics)} */
  Collection<Channel> channels();
}
