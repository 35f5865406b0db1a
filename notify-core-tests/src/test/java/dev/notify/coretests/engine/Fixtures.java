package dev.notify.coretests.engine;

import dev.notify.ChannelType;
import dev.notify.Notification;
import dev.notify.NotificationClient;
import dev.notify.Priority;
import dev.notify.Recipient;
import dev.notify.SendReceipt;
import dev.notify.policy.RetryPolicy;
import dev.notify.status.NotificationStatus;
import dev.notify.testkit.Await;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/** Shared values and helpers for the engine's behaviour tests. */
final class Fixtures {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final Duration WAIT = Duration.ofSeconds(10);
  static final ChannelType EMAIL = ChannelType.EMAIL;

  private Fixtures() {
  }

  /** Retries at exactly 1 s, 2 s, 4 s … (no jitter), up to {@code maxAttempts}. */
  static RetryPolicy exponential(int maxAttempts) {
    return RetryPolicy.builder().maxAttempts(maxAttempts).baseDelay(Duration.ofSeconds(1))
        .maxDelay(Duration.ofMinutes(1)).jitter(false).build();
  }

  static Notification email(String id, String address) {
    return Notification.builder().id(id).to(Recipient.email(address)).subject("Hello")
        .text("Hi there").build();
  }

  static Notification email(String id, String address, Priority priority) {
    return email(id, address).toBuilder().priority(priority).build();
  }

  /** Waits for a condition with a deadline; fails with {@code what} if it does not hold in time. */
  static void await(String what, BooleanSupplier condition) {
    Await.atMost(WAIT).until(what, condition);
  }

  /** Waits until the client reports a status of the notification that satisfies {@code done}. */
  static NotificationStatus awaitStatus(NotificationClient client, String id,
      Predicate<NotificationStatus> done) {
    return Await.atMost(WAIT).until("status of " + id, () -> client.status(id).orElse(null),
        s -> s != null && done.test(s));
  }

  static NotificationStatus finalStatus(SendReceipt receipt) {
    try {
      return receipt.completion().get(WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("notification " + receipt.id() + " did not finish", e);
    }
  }
}
