package dev.notify.testkit.log;

import dev.notify.spi.log.ClaimedDelivery;
import dev.notify.spi.log.DeliveryRecord;
import dev.notify.spi.log.NotificationLog;
import dev.notify.testkit.ManualTime;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every part of the {@link NotificationLog} contract shares: a manual clock starting at
 * {@link LogFixtures#T0} and a new log on it for each test, both closed after it, and the
 * {@link LogFixtures} operations bound to that log.
 *
 * <p>The parts are run as nested suites of {@code NotificationLogCompatibilityKit}, which supplies
 * {@link #createLog(Clock)}; extend the kit rather than these classes.
 */
public abstract class LogContract {

  /** The log's clock, new for every test: it moves only when the test moves it. */
  protected ManualTime time;
  /** The log under test, new for every test, on {@link #time}'s clock. */
  protected NotificationLog log;

  /** For the parts of the contract. */
  public LogContract() {
  }

  /**
   * {@return a new, empty log that takes its time from {@code clock}; called once before each
   * test and closed after it}
   *
   * @param clock the test's clock, to be used for every decision about time
   */
  protected abstract NotificationLog createLog(Clock clock);

  @BeforeEach
  void createLogUnderTest() {
    time = ManualTime.startingAt(LogFixtures.T0);
    log = createLog(time.clock());
  }

  @AfterEach
  void closeLogUnderTest() {
    try {
      if (log != null) {
        log.close();
      }
    } finally {
      time.close();
    }
  }

  /**
   * Moves the log's clock forward to {@link LogFixtures#T0} plus this many seconds.
   *
   * @param seconds seconds after {@link LogFixtures#T0}; not before the clock's current time
   */
  protected void at(long seconds) {
    time.advanceTo(LogFixtures.t(seconds));
  }

  /**
   * Heart-beats each owner with {@link LogFixtures#LEASE}.
   *
   * @param owners the instances whose claims are to hold
   */
  protected void heartbeat(String... owners) {
    for (String owner : owners) {
      log.heartbeat(owner, LogFixtures.LEASE);
    }
  }

  /**
   * {@return the stored delivery with this id ({@code <notification id>/<n>})}
   *
   * @param deliveryId the delivery's id
   */
  protected DeliveryRecord delivery(String deliveryId) {
    return LogFixtures.delivery(log, deliveryId);
  }

  /**
   * Claims exactly one due delivery of the channel, or fails.
   *
   * @param channel the channel's name
   * @param owner the claiming instance
   * @return the claimed delivery
   */
  protected ClaimedDelivery claimOne(String channel, String owner) {
    return LogFixtures.claimOne(log, channel, owner);
  }

  /**
   * Moves a claimed delivery to SENDING and then SENT with this provider message id.
   *
   * @param claimed the delivery as claimed, with its fence
   * @param providerMessageId the provider's id to record
   */
  protected void sent(DeliveryRecord claimed, String providerMessageId) {
    LogFixtures.sent(log, claimed, providerMessageId);
  }

  /**
   * Moves a claimed delivery to DEAD after a retryable failure.
   *
   * @param claimed the delivery as claimed, with its fence
   */
  protected void dead(DeliveryRecord claimed) {
    LogFixtures.dead(log, claimed);
  }
}
