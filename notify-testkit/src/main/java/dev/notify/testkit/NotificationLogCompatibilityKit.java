package dev.notify.testkit;

import dev.notify.spi.log.NotificationLog;
import dev.notify.testkit.log.AppendAllContract;
import dev.notify.testkit.log.AppendContract;
import dev.notify.testkit.log.CancelAndReplayContract;
import dev.notify.testkit.log.ClaimContract;
import dev.notify.testkit.log.ExpandContract;
import dev.notify.testkit.log.HeartbeatContract;
import dev.notify.testkit.log.HistoryAndDeadLetterContract;
import dev.notify.testkit.log.LogClockContract;
import dev.notify.testkit.log.MemberContract;
import dev.notify.testkit.log.PurgeContract;
import dev.notify.testkit.log.ReceiptContract;
import dev.notify.testkit.log.TransitionAllContract;
import dev.notify.testkit.log.TransitionContract;
import dev.notify.testkit.log.TransitionRetryContract;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Nested;

/**
 * The contract of {@link NotificationLog}, as tests. Every implementation extends this class and
 * returns a new, empty log on the given clock from {@link #createLog(Clock)}; the tests then run
 * against it, so the in-memory log, the JDBC log on H2 and the JDBC log on PostgreSQL all behave
 * the same.
 *
 * <pre>{@code
 * class JdbcNotificationLogTest extends NotificationLogCompatibilityKit {
 *   @Override
 *   protected NotificationLog createLog(Clock clock) {
 *     return JdbcNotificationLog.builder(freshDataSource()).clock(clock).build();
 *   }
 * }
 * }</pre>
 *
 * <h2>Time</h2>
 * The kit controls time: each test creates the log with a clock of its own
 * ({@link ManualTime}, starting at {@link dev.notify.testkit.log.LogFixtures#T0}) and moves it
 * forward when the contract needs time to pass, never by sleeping. A log must take every
 * decision about time from that clock: what is due, whose instance lease has expired, the
 * {@code updatedAt} it stamps, what is old enough to purge, what {@link NotificationLog#now()}
 * answers. A durable log that reads its database's {@code now()} in production must, for these
 * tests, evaluate time with the given clock instead (pass its instants as query parameters, say);
 * otherwise the time-dependent tests fail, and would be flaky if they did not.
 *
 * <h2>Parts</h2>
 * The contract is grouped by operation into nested suites, each in its own class of
 * {@link dev.notify.testkit.log}: {@link AppendContract}, {@link AppendAllContract}, {@link
 * ClaimContract}, {@link HeartbeatContract}, {@link TransitionContract}, {@link
 * TransitionAllContract}, {@link TransitionRetryContract}, {@link LogClockContract}, {@link
 * CancelAndReplayContract}, {@link ReceiptContract}, {@link HistoryAndDeadLetterContract}, {@link
 * PurgeContract}, {@link ExpandContract} and {@link MemberContract}. Each test gets its own log
 * from {@link #createLog(Clock)} and closes it afterwards. The test of a full log runs only when
 * {@link #createBoundedLog} gives a bounded log.
 *
 * <p>Add implementation-specific tests to the subclass; they can build records and drive the log
 * with {@link dev.notify.testkit.log.LogFixtures}.
 */
public abstract class NotificationLogCompatibilityKit {

  /** For subclasses: one per log implementation. */
  public NotificationLogCompatibilityKit() {
  }

  /**
   * {@return a new, empty log that takes its time from {@code clock}; called once before each
   * test and closed after it}
   *
   * @param clock the test's clock, which the log must use for every decision about time
   */
  protected abstract NotificationLog createLog(Clock clock);

  /**
   * {@return a new, empty log on {@code clock} that holds at most {@code maxNotifications}
   * notifications with pending deliveries and refuses more with
   * {@link dev.notify.spi.log.LogFullException}, or empty (the default) if the implementation has
   * no such bound, which skips the tests of a full log}
   *
   * @param clock the test's clock
   * @param maxNotifications the bound, a small number
   */
  protected Optional<NotificationLog> createBoundedLog(Clock clock, int maxNotifications) {
    return Optional.empty();
  }

  /** Appending and finding records: {@link AppendContract}. */
  @Nested
  class Append extends AppendContract {
    @Override
    protected NotificationLog createLog(Clock clock) {
      return NotificationLogCompatibilityKit.this.createLog(clock);
    }
  }

  /** Appending batches atomically: {@link AppendAllContract}. */
  @Nested
  class AppendAll extends AppendAllContract {
    @Override
    protected NotificationLog createLog(Clock clock) {
      return NotificationLogCompatibilityKit.this.createLog(clock);
    }

    @Override
    protected Optional<NotificationLog> createBoundedLog(Clock clock, int maxNotifications) {
      return NotificationLogCompatibilityKit.this.createBoundedLog(clock, maxNotifications);
    }
  }

  /** Claiming due deliveries: {@link ClaimContract}. */
  @Nested
  class Claims extends ClaimContract {
    @Override
    protected NotificationLog createLog(Clock clock) {
      return NotificationLogCompatibilityKit.this.createLog(clock);
    }
  }

  /** Instance leases and giving claims back: {@link HeartbeatContract}. */
  @Nested
  class Heartbeats extends HeartbeatContract {
    @Override
    protected NotificationLog createLog(Clock clock) {
      return NotificationLogCompatibilityKit.this.createLog(clock);
    }
  }

  /** Fenced state transitions: {@link TransitionContract}. */
  @Nested
  class Transitions extends TransitionContract {
    @Override
    protected NotificationLog createLog(Clock clock) {
      return NotificationLogCompatibilityKit.this.createLog(clock);
    }
  }

  /** Several fenced transitions in one call: {@link TransitionAllContract}. */
  @Nested
  class TransitionBatches extends TransitionAllContract {
    @Override
    protected NotificationLog createLog(Clock clock) {
      return NotificationLogCompatibilityKit.this.createLog(clock);
    }
  }

  /** Retried transitions after an ambiguous commit: {@link TransitionRetryContract}. */
  @Nested
  class TransitionRetries extends TransitionRetryContract {
    @Override
    protected NotificationLog createLog(Clock clock) {
      return NotificationLogCompatibilityKit.this.createLog(clock);
    }
  }

  /** Time from the log's clock: {@link LogClockContract}. */
  @Nested
  class LogClock extends LogClockContract {
    @Override
    protected NotificationLog createLog(Clock clock) {
      return NotificationLogCompatibilityKit.this.createLog(clock);
    }
  }

  /** Cancelling and replaying notifications: {@link CancelAndReplayContract}. */
  @Nested
  class CancelAndReplay extends CancelAndReplayContract {
    @Override
    protected NotificationLog createLog(Clock clock) {
      return NotificationLogCompatibilityKit.this.createLog(clock);
    }
  }

  /** Recording provider receipts: {@link ReceiptContract}. */
  @Nested
  class Receipts extends ReceiptContract {
    @Override
    protected NotificationLog createLog(Clock clock) {
      return NotificationLogCompatibilityKit.this.createLog(clock);
    }
  }

  /** Recipient history and dead letters: {@link HistoryAndDeadLetterContract}. */
  @Nested
  class HistoryAndDeadLetters extends HistoryAndDeadLetterContract {
    @Override
    protected NotificationLog createLog(Clock clock) {
      return NotificationLogCompatibilityKit.this.createLog(clock);
    }
  }

  /** Purging finished notifications: {@link PurgeContract}. */
  @Nested
  class Purge extends PurgeContract {
    @Override
    protected NotificationLog createLog(Clock clock) {
      return NotificationLogCompatibilityKit.this.createLog(clock);
    }
  }

  /** Replacing a user placeholder with its deliveries: {@link ExpandContract}. */
  @Nested
  class Expand extends ExpandContract {
    @Override
    protected NotificationLog createLog(Clock clock) {
      return NotificationLogCompatibilityKit.this.createLog(clock);
    }
  }

  /** Counting a broadcast's members by state: {@link MemberContract}. */
  @Nested
  class Members extends MemberContract {
    @Override
    protected NotificationLog createLog(Clock clock) {
      return NotificationLogCompatibilityKit.this.createLog(clock);
    }
  }
}
