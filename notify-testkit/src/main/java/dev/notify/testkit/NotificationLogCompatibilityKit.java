package dev.notify.testkit;

import dev.notify.spi.log.NotificationLog;
import dev.notify.testkit.log.AppendContract;
import dev.notify.testkit.log.CancelAndReplayContract;
import dev.notify.testkit.log.ClaimContract;
import dev.notify.testkit.log.ExpandContract;
import dev.notify.testkit.log.HistoryAndDeadLetterContract;
import dev.notify.testkit.log.MemberContract;
import dev.notify.testkit.log.PurgeContract;
import dev.notify.testkit.log.ReceiptContract;
import dev.notify.testkit.log.RenewalContract;
import dev.notify.testkit.log.TransitionContract;
import org.junit.jupiter.api.Nested;

/**
 * The contract of {@link NotificationLog}, as tests. Every implementation extends this class and
 * returns a new, empty log from {@link #createLog()}; the tests then run against it, so the
 * in-memory log, the JDBC log on H2 and the JDBC log on PostgreSQL all behave the same.
 *
 * <pre>{@code
 * class JdbcNotificationLogTest extends NotificationLogCompatibilityKit {
 *   @Override
 *   protected NotificationLog createLog() {
 *     return JdbcNotificationLog.create(freshDataSource());
 *   }
 * }
 * }</pre>
 *
 * <p>The contract is grouped by operation into nested suites, each in its own class of
 * {@link dev.notify.testkit.log}: {@link AppendContract}, {@link ClaimContract},
 * {@link TransitionContract}, {@link RenewalContract}, {@link CancelAndReplayContract},
 * {@link ReceiptContract}, {@link HistoryAndDeadLetterContract}, {@link MemberContract} and
 * {@link PurgeContract}. Each
 * test gets its own log from {@link #createLog()} and closes it afterwards.
 *
 * <p>Time never passes by itself: every test uses explicit instants from
 * {@link dev.notify.testkit.log.LogFixtures#T0}, so a test is never slow and never flaky. Add
 * implementation-specific tests to the subclass; they can build records and drive the log with
 * {@link dev.notify.testkit.log.LogFixtures}.
 */
public abstract class NotificationLogCompatibilityKit {

  /** For subclasses: one per log implementation. */
  public NotificationLogCompatibilityKit() {
  }

  /** {@return a new, empty log; called once before each test and closed after it} */
  protected abstract NotificationLog createLog();

  /** Appending and finding records: {@link AppendContract}. */
  @Nested
  class Append extends AppendContract {
    @Override
    protected NotificationLog createLog() {
      return NotificationLogCompatibilityKit.this.createLog();
    }
  }

  /** Claiming due deliveries: {@link ClaimContract}. */
  @Nested
  class Claims extends ClaimContract {
    @Override
    protected NotificationLog createLog() {
      return NotificationLogCompatibilityKit.this.createLog();
    }
  }

  /** Fenced state transitions: {@link TransitionContract}. */
  @Nested
  class Transitions extends TransitionContract {
    @Override
    protected NotificationLog createLog() {
      return NotificationLogCompatibilityKit.this.createLog();
    }
  }

  /** Renewing leases: {@link RenewalContract}. */
  @Nested
  class Renewal extends RenewalContract {
    @Override
    protected NotificationLog createLog() {
      return NotificationLogCompatibilityKit.this.createLog();
    }
  }

  /** Cancelling and replaying notifications: {@link CancelAndReplayContract}. */
  @Nested
  class CancelAndReplay extends CancelAndReplayContract {
    @Override
    protected NotificationLog createLog() {
      return NotificationLogCompatibilityKit.this.createLog();
    }
  }

  /** Recording provider receipts: {@link ReceiptContract}. */
  @Nested
  class Receipts extends ReceiptContract {
    @Override
    protected NotificationLog createLog() {
      return NotificationLogCompatibilityKit.this.createLog();
    }
  }

  /** Recipient history and dead letters: {@link HistoryAndDeadLetterContract}. */
  @Nested
  class HistoryAndDeadLetters extends HistoryAndDeadLetterContract {
    @Override
    protected NotificationLog createLog() {
      return NotificationLogCompatibilityKit.this.createLog();
    }
  }

  /** Purging finished notifications: {@link PurgeContract}. */
  @Nested
  class Purge extends PurgeContract {
    @Override
    protected NotificationLog createLog() {
      return NotificationLogCompatibilityKit.this.createLog();
    }
  }

  /** Replacing a user placeholder with its deliveries: {@link ExpandContract}. */
  @Nested
  class Expand extends ExpandContract {
    @Override
    protected NotificationLog createLog() {
      return NotificationLogCompatibilityKit.this.createLog();
    }
  }

  /** Counting a broadcast's members by state: {@link MemberContract}. */
  @Nested
  class Members extends MemberContract {
    @Override
    protected NotificationLog createLog() {
      return NotificationLogCompatibilityKit.this.createLog();
    }
  }
}
