package dev.notify.testkit;

import dev.notify.Notification;
import dev.notify.NotificationClient;
import dev.notify.SendReceipt;
import dev.notify.inmemory.InMemoryRecipientDirectory;
import dev.notify.policy.LaneOptions;
import dev.notify.policy.RetryPolicy;
import dev.notify.spi.Channel;
import dev.notify.status.CircuitState;
import dev.notify.status.ClientStats;
import dev.notify.status.DeliveryStatus;
import dev.notify.status.NotificationStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * What {@link ChannelCompatibilityKit} drives: one {@link NotificationClient} around the channel
 * under test, on {@link ManualTime}, with a {@link RecordingListener} and an
 * {@link InMemoryRecipientDirectory}. Every wait has a deadline. Used from the test thread.
 */
final class ChannelKitClient implements AutoCloseable {
  /** Retries at exactly 1 s and 2 s after the first and second attempt; the third is the last. */
  static final RetryPolicy RETRIES = RetryPolicy.builder().maxAttempts(3)
      .baseDelay(Duration.ofSeconds(1)).maxDelay(Duration.ofMinutes(1)).jitter(false).build();

  final ManualTime time;
  final RecordingListener events = new RecordingListener();
  final InMemoryRecipientDirectory directory = new InMemoryRecipientDirectory();
  final NotificationClient client;
  final String channelName;
  private final Duration wait;

  ChannelKitClient(Channel channel, LaneOptions lane, Instant start, Duration wait) {
    this.time = ManualTime.startingAt(start);
    this.channelName = channel.name();
    this.wait = wait;
    NotificationClient built;
    try {
      built = NotificationClient.builder().channel(channel).lane(channel.name(), lane)
          .clock(time.clock()).scheduler(time).retryPolicy(RETRIES)
          .recipientDirectory(directory).listener(events).build();
    } catch (RuntimeException | Error e) {
      time.close();
      channel.close();
      throw e;
    }
    this.client = built;
  }

  SendReceipt send(Notification notification) {
    return client.send(notification);
  }

  /** @return the final status; fails naming the notification and its status if it is late */
  NotificationStatus finalStatus(SendReceipt receipt) {
    return finalStatuses(List.of(receipt)).get(0);
  }

  /**
   * Waits for every receipt's final status under one deadline.
   *
   * @return the final statuses, in the order of {@code receipts}
   */
  List<NotificationStatus> finalStatuses(List<SendReceipt> receipts) {
    CompletableFuture<?>[] all = receipts.stream().map(SendReceipt::completion)
        .toArray(CompletableFuture<?>[]::new);
    try {
      CompletableFuture.allOf(all).get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      List<String> late = receipts.stream().filter(r -> !r.completion().isDone())
          .map(SendReceipt::id).toList();
      throw new AssertionError(late.size() + " of " + receipts.size() + " notifications did not"
          + " finish within " + wait + "; the first: " + client.status(late.get(0)).orElse(null)
          + "; lane: " + lane(), e);
    } catch (ExecutionException e) {
      throw new AssertionError("a notification's completion failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for notifications to finish", e);
    }
    return receipts.stream().map(r -> r.completion().join()).toList();
  }

  /** @return the notification's one delivery on the channel under test */
  DeliveryStatus delivery(NotificationStatus status) {
    List<DeliveryStatus> mine = status.deliveries().stream()
        .filter(d -> d.channel().equals(channelName)).toList();
    if (mine.size() != 1) {
      throw new AssertionError("expected one delivery on channel '" + channelName + "' in "
          + status);
    }
    return mine.get(0);
  }

  /** @return the current status of a delivery (not necessarily final) */
  DeliveryStatus currentDelivery(String notificationId) {
    return delivery(client.status(notificationId).orElseThrow(
        () -> new AssertionError("notification " + notificationId + " is not in the log")));
  }

  ClientStats.LaneStats lane() {
    return client.stats().lanes().get(channelName);
  }

  /** Waits until {@code condition} holds, up to the kit's deadline. */
  void awaitUntil(String what, BooleanSupplier condition) {
    Await.atMost(wait).until(what, condition);
  }

  /**
   * Moves manual time from one due task to the next (polls, lease renewals, probes) until
   * {@code done} holds. Before each step it waits until the lane is idle: closed, or open with
   * nothing in flight. So a probe is answered before time moves on, and a step never fires the
   * request timeout of a send that simply has not been answered yet.
   *
   * @param what the condition in words, for the failure message
   * @param most how much manual time may pass before giving up
   */
  void advanceUntil(String what, BooleanSupplier done, Duration most) {
    Instant limit = time.now().plus(most);
    while (true) {
      awaitUntil("the lane is idle (closed, or open with nothing in flight)", () -> {
        ClientStats.LaneStats lane = lane();
        return lane.circuit() == CircuitState.CLOSED
            || lane.circuit() == CircuitState.OPEN && lane.inFlight() == 0;
      });
      if (done.getAsBoolean()) {
        return;
      }
      List<Instant> due = time.pendingDueTimes();
      if (due.isEmpty() || due.get(0).isAfter(limit)) {
        throw new AssertionError("not " + what + " within " + most + " of manual time; lane: "
            + lane() + "; pending tasks at " + due + "; events: " + events.events());
      }
      time.advanceTo(due.get(0));
    }
  }

  /**
   * Sends every notification from {@code threads} caller threads at once (started together).
   *
   * @return the receipts, in the order of {@code notifications}
   */
  List<SendReceipt> sendConcurrently(List<Notification> notifications, int threads)
      throws Exception {
    ExecutorService callers = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "kit-caller");
      t.setDaemon(true);
      return t;
    });
    try {
      CompletableFuture<Void> go = new CompletableFuture<>();
      List<Future<SendReceipt>> futures = new ArrayList<>(notifications.size());
      for (Notification n : notifications) {
        futures.add(callers.submit(() -> {
          go.get(wait.toMillis(), TimeUnit.MILLISECONDS);
          return client.send(n);
        }));
      }
      go.complete(null);
      List<SendReceipt> receipts = new ArrayList<>(notifications.size());
      long deadline = System.nanoTime() + wait.toNanos();
      for (Future<SendReceipt> f : futures) {
        receipts.add(f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
      }
      return receipts;
    } finally {
      callers.shutdownNow();
    }
  }

  /** Shuts the client down (which closes the channel), then the manual time. */
  @Override
  public void close() {
    try {
      client.shutdown(Duration.ofSeconds(10));
    } finally {
      time.close();
    }
  }
}
