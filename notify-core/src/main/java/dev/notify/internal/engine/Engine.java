package dev.notify.internal.engine;

import static java.util.Objects.requireNonNull;

import dev.notify.Notification;
import dev.notify.LogUnavailableException;
import dev.notify.NotificationClient;
import dev.notify.QueueFullException;
import dev.notify.Recipient;
import dev.notify.SendReceipt;
import dev.notify.event.EventType;
import dev.notify.spi.Channel;
import dev.notify.spi.log.DeliveryRecord;
import dev.notify.spi.log.NotificationRecord;
import dev.notify.status.CircuitState;
import dev.notify.status.ClientStats;
import dev.notify.status.NotificationStatus;
import dev.notify.status.Receipt;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link NotificationClient}: a facade over the engine's parts ({@link Assembly}), which it
 * starts and shuts down.
 */
public final class Engine implements NotificationClient {
  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

  private final Assembly parts;
  private final EngineConfig config;
  private final AtomicBoolean closing = new AtomicBoolean();
  private volatile boolean closed;
  private volatile boolean drained;

  private Engine(Assembly parts) {
    this.parts = parts;
    this.config = parts.config;
  }

  /**
   * Builds and starts a client from a checked configuration.
   *
   * @param config the configuration the builder checked
   * @return the running engine: channels started, dispatchers and claimer running
   */
  public static Engine start(EngineConfig config) {
    Assembly parts = new Assembly(config);
    Engine engine = new Engine(parts);
    try {
      parts.start();
    } catch (RuntimeException e) {
      engine.shutdown(Duration.ZERO);
      throw new LogUnavailableException("the client could not start: the notification log failed"
          + " (" + e.getClass().getName() + ")", e);
    }
    return engine;
  }

  @Override
  public SendReceipt send(Notification notification) {
    requireNonNull(notification, "notification");
    ensureOpen();
    return parts.acceptor.accept(List.of(notification)).get(0);
  }

  @Override
  public dev.notify.spi.log.NotificationRecord prepare(Notification notification) {
    requireNonNull(notification, "notification");
    ensureOpen();
    return parts.acceptor.prepare(notification);
  }

  @Override
  public CompletableFuture<SendReceipt> sendAsync(Notification notification) {
    requireNonNull(notification, "notification");
    ensureOpen();
    try {
      return CompletableFuture.supplyAsync(() -> send(notification), parts.asyncSends);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.failedFuture(new QueueFullException(
          "too many sendAsync calls waiting (" + config.capacity() + "); nothing was stored"));
    }
  }

  @Override
  public List<SendReceipt> sendAll(Collection<Notification> notifications) {
    requireNonNull(notifications, "notifications");
    ensureOpen();
    List<Notification> batch = new ArrayList<>(notifications.size());
    for (Notification n : notifications) {
      batch.add(requireNonNull(n, "notifications contains null"));
    }
    return batch.isEmpty() ? List.of() : parts.acceptor.accept(batch);
  }

  @Override
  public boolean cancel(String notificationId) {
    requireNonNull(notificationId, "notificationId");
    List<DeliveryRecord> ended = config.log().cancel(notificationId);
    if (ended.isEmpty()) {
      return false;
    }
    // The log says which deliveries this call ended, so a cancel that races a replay or another
    // cancel reports each ending once.
    @Nullable String parentId = config.log().find(notificationId)
        .map(NotificationRecord::parentId).orElse(null);
    parts.outcomes.cancelled(notificationId, parentId, ended, parts.lanes::get,
        parts.memory::get);
    return true;
  }

  @Override
  public Optional<NotificationStatus> status(String notificationId) {
    requireNonNull(notificationId, "notificationId");
    return config.log().find(notificationId).map(r -> Statuses.of(r, config.log()));
  }

  @Override
  public List<NotificationStatus> history(Recipient recipient, int limit) {
    requireNonNull(recipient, "recipient");
    requireLimit(limit);
    return config.log().history(recipient.key(), limit).stream().map(r -> Statuses.of(r, config.log())).toList();
  }

  @Override
  public List<NotificationStatus> deadLetters(int limit) {
    requireLimit(limit);
    return config.log().deadLetters(null, limit).stream().map(r -> Statuses.of(r, config.log())).toList();
  }

  @Override
  public List<NotificationStatus> deadLetters(String channel, int limit) {
    requireNonNull(channel, "channel");
    requireLimit(limit);
    return config.log().deadLetters(channel, limit).stream().map(r -> Statuses.of(r, config.log())).toList();
  }

  @Override
  public Optional<SendReceipt> replay(String notificationId) {
    requireNonNull(notificationId, "notificationId");
    ensureOpen();
    CompletableFuture<NotificationStatus> future = parts.completions.track(notificationId);
    parts.completions.countUnknown(notificationId);
    List<DeliveryRecord> replayed = config.log().replay(notificationId);
    if (replayed.isEmpty()) {
      parts.completions.check(notificationId);
      return Optional.empty();
    }
    for (DeliveryRecord d : replayed) {
      parts.listeners.delivery(EventType.QUEUED, WorkItemView.of(d), 0, "replayed", null);
    }
    parts.memory.markBacklog();
    parts.claimer.now();
    return Optional.of(new SendReceipt(notificationId, false, future));
  }

  @Override
  public boolean recordReceipt(String channel, String providerMessageId, Receipt receipt) {
    requireNonNull(providerMessageId, "providerMessageId");
    requireNonNull(receipt, "receipt");
    lane(channel);
    return recording(() -> parts.recordReceipt(channel, providerMessageId, receipt));
  }

  @Override
  public boolean recordDeliveryReceipt(String deliveryId, Receipt receipt) {
    requireNonNull(deliveryId, "deliveryId");
    requireNonNull(receipt, "receipt");
    return recording(() -> parts.recordDeliveryReceipt(deliveryId, receipt));
  }

  /** A receipt's log call: a log failure is a {@link LogUnavailableException}, safe to repeat. */
  private static boolean recording(java.util.function.BooleanSupplier record) {
    try {
      return record.getAsBoolean();
    } catch (LogUnavailableException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new LogUnavailableException("recording the receipt failed (" + e.getClass().getName()
          + "); recording it again is safe", e);
    }
  }

  @Override
  public void resumeChannel(String channelName) {
    lane(channelName).close("resumed by hand");
  }

  private Lane lane(String channelName) {
    Lane lane = parts.lanes.get(requireNonNull(channelName, "channelName"));
    if (lane == null) {
      throw new IllegalArgumentException("no channel named '" + channelName + "'; channels: "
          + parts.lanes.keySet());
    }
    return lane;
  }

  @Override
  public void invalidateRecipient(String userId) {
    requireNonNull(userId, "userId");
    if (parts.directory != null) {
      parts.directory.invalidate(userId);
    }
  }

  @Override
  public ClientStats stats() {
    Map<String, ClientStats.LaneStats> laneStats = new LinkedHashMap<>();
    parts.lanes.forEach((name, lane) -> laneStats.put(name, lane.stats()));
    return new ClientStats(parts.intake.sizes(), parts.memory.size(), parts.memory.capacity(),
        laneStats, parts.latency.snapshot());
  }

  @Override
  public Collection<Channel> channels() {
    return config.channels().values();
  }

  @Override
  public boolean shutdown(Duration timeout) {
    requireNonNull(timeout, "timeout");
    if (!closing.compareAndSet(false, true)) {
      return drained;
    }
    closed = true;
    long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
    parts.claimer.stop();
    parts.asyncSends.shutdown();
    // A paused lane cannot drain: hand its queue back to the log now rather than wait it out.
    for (Lane lane : parts.lanes.values()) {
      if (lane.circuit() != CircuitState.CLOSED) {
        lane.stop().forEach(parts.outcomes::release);
      }
    }
    boolean empty;
    try {
      empty = parts.memory.awaitEmpty(deadline);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      empty = false;
    }
    parts.dispatcher.stop();
    // What never started goes back to the log; what is in flight keeps its lease, which expires
    // and is taken back by the next start (at-least-once).
    parts.intake.drain().forEach(item -> {
      item.releasePlace();
      parts.outcomes.release(item);
    });
    for (Lane lane : parts.lanes.values()) {
      lane.stop().forEach(parts.outcomes::release);
    }
    for (Lane lane : parts.lanes.values()) {
      try {
        lane.channel().close();
      } catch (RuntimeException e) {
        LOG.warn("closing channel {} failed", lane.name(), e);
      }
      try {
        lane.shutdownExecutor(TimeUnit.SECONDS.toNanos(1));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    parts.fanOut.shutdownNow();
    parts.retrier.stop();
    // Whatever is still held is in flight: it keeps its claim until the instance lease expires
    // (at-least-once). Everything else this instance may hold goes back now.
    try {
      parts.memory.givingBack(held -> config.log().releaseAll(config.instanceId(), held));
    } catch (RuntimeException e) {
      LOG.warn("giving back this instance's claims at shutdown failed; they return when its lease"
          + " expires", e);
    }
    parts.completions.abandon();
    if (parts.ownScheduler != null) {
      parts.ownScheduler.shutdown();
    }
    if (config.ownsLog()) {
      config.log().close();
    }
    drained = empty;
    return empty;
  }

  @Override
  public void close() {
    shutdown(Duration.ofSeconds(30));
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("the client is shut down; build a new one");
    }
  }

  private static void requireLimit(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive: " + limit);
    }
  }
}
