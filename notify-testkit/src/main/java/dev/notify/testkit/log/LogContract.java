package dev.notify.testkit.log;

import dev.notify.spi.log.ClaimedDelivery;
import dev.notify.spi.log.DeliveryRecord;
import dev.notify.spi.log.NotificationLog;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every part of the {@link NotificationLog} contract shares: a new log for each test, closed
 * after it, and the {@link LogFixtures} operations bound to that log.
 *
 * <p>The parts are run as nested suites of {@code NotificationLogCompatibilityKit}, which supplies
 * {@link #createLog()}; extend the kit rather than these classes.
 */
public abstract class LogContract {

  /** The log under test, new for every test. */
  protected NotificationLog log;

  /** For the parts of the contract. */
  public LogContract() {
  }

  /** {@return a new, empty log; called once before each test and closed after it} */
  protected abstract NotificationLog createLog();

  @BeforeEach
  void createLogUnderTest() {
    log = createLog();
  }

  @AfterEach
  void closeLogUnderTest() {
    if (log != null) {
      log.close();
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
   * Claims exactly one due delivery of the channel with a 30 second lease, or fails.
   *
   * @param channel the channel's name
   * @param owner the claiming instance
   * @param now the current time
   * @return the claimed delivery
   */
  protected ClaimedDelivery claimOne(String channel, String owner, Instant now) {
    return LogFixtures.claimOne(log, channel, owner, now);
  }

  /**
   * Moves a claimed delivery to SENDING and then SENT with this provider message id.
   *
   * @param claimed the delivery as claimed, with its fence
   * @param providerMessageId the provider's id to record
   * @param at when it was sent
   */
  protected void sent(DeliveryRecord claimed, String providerMessageId, Instant at) {
    LogFixtures.sent(log, claimed, providerMessageId, at);
  }

  /**
   * Moves a claimed delivery to DEAD after a retryable failure.
   *
   * @param claimed the delivery as claimed, with its fence
   * @param at when it failed
   */
  protected void dead(DeliveryRecord claimed, Instant at) {
    LogFixtures.dead(log, claimed, at);
  }
}
