package dev.notify.bench.jmh;

import dev.notify.Notification;
import dev.notify.Priority;
import dev.notify.Recipient;
import dev.notify.inmemory.InMemoryNotificationLog;
import dev.notify.spi.log.AppendResult;
import dev.notify.spi.log.ClaimedDelivery;
import dev.notify.spi.log.DeliveryRecord;
import dev.notify.spi.log.DeliveryUpdate;
import dev.notify.spi.log.Fence;
import dev.notify.spi.log.NotificationRecord;
import dev.notify.status.Attempt;
import dev.notify.status.DeliveryState;
import dev.notify.status.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The in-memory log's steps of one delivery, through the log SPI: append (QUEUED, unclaimed),
 * claim it, and the SENDING and SENT transitions. At its default bound of 100,000 notifications
 * each append of the full cycle also evicts, as in a long-running client; {@link #append} alone
 * leaves its notifications pending, so it starts a fresh log every {@value #FRESH_EVERY} appends
 * (a pending notification is never evicted, and a full log refuses the append). Each operation builds its record's
 * {@link Notification} too (the log refuses a record whose deliveries name another id):
 * {@code NotificationBenchmark.buildAndValidate} is that part's cost.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LogBenchmark {
  private static final String OWNER = "bench";
  private static final int FRESH_EVERY = 50_000;
  private InMemoryNotificationLog log;
  private long n;

  /** A fresh log with the default bound. */
  @Setup
  public void setUp() {
    log = InMemoryNotificationLog.create();
    log.heartbeat(OWNER, Duration.ofHours(1));
  }

  private NotificationRecord record(String id) {
    Instant now = log.now();
    Notification notification = Notification.builder().id(id)
        .to(Recipient.email("ada@example.com")).subject("Hello").text("A short body.").build();
    return new NotificationRecord(notification, "v2:bench", now, List.of(DeliveryRecord.create(
        id + "/1", id, "email", Recipient.email("ada@example.com"), Priority.NORMAL,
        DeliveryState.QUEUED, now, null, now)));
  }

  /** {@return the append's result} */
  @Benchmark
  public AppendResult append() {
    if (++n % FRESH_EVERY == 0) {
      setUp();
    }
    return log.append(record("a-" + n));
  }

  /** {@return whether SENT was taken}: append, claim, SENDING, SENT */
  @Benchmark
  public boolean appendClaimSendingSent() {
    log.append(record("c-" + n++));
    ClaimedDelivery claimed = log.claimDue("email", OWNER, 1).get(0);
    DeliveryRecord d = claimed.delivery();
    Fence fence = d.fence().orElseThrow();
    log.transition(d.id(), fence, DeliveryUpdate.sending());
    return log.transition(d.id(), fence, DeliveryUpdate.sent(new Attempt(1, log.now(),
        Outcome.SENT, null, "pm")));
  }
}
