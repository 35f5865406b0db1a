package dev.notify.testkit;

import dev.notify.Notification;
import dev.notify.Recipient;
import dev.notify.policy.LaneOptions;
import dev.notify.spi.Channel;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every channel shows through a {@link dev.notify.NotificationClient}, as tests
 * (modelled on Micrometer's {@code MeterRegistryCompatibilityKit}). A channel module extends this
 * class, points its channel at a real local peer of the provider (pushy's {@code MockApnsServer},
 * local FCM and Twilio HTTP endpoints, GreenMail) and tells the kit how to script that peer; the
 * tests then send through a client, never by calling {@code Channel.send} directly.
 *
 * <pre>{@code
 * class ApnsChannelCompatibilityTest extends ChannelCompatibilityKit {
 *   private MockApnsPeer peer;
 *   protected void startPeer() { peer = MockApnsPeer.start(); }
 *   protected void stopPeer() { peer.close(); }
 *   protected Channel createChannel() { return ApnsChannel.builder().server(...)...build(); }
 *   protected Recipient.Address validAddress(int i) { return Recipient.apnsToken(...); }
 *   ...
 * }
 * }</pre>
 *
 * <p>Each test starts the peer ({@link #startPeer()}), builds a client around
 * {@link #createChannel()} on {@link ManualTime} with a {@link RecordingListener}, an
 * {@link dev.notify.inmemory.InMemoryRecipientDirectory} and retries at exactly 1 s and 2 s (three attempts,
 * no jitter), and afterwards shuts the client down (which closes the channel) and stops the peer.
 * Time passes only when a test advances it; every wait has a deadline ({@link #waitTimeout()}).
 *
 * <p><b>Threads.</b> Every hook is called on the JUnit thread that runs the test, never on the
 * client's or the peer's threads, and may block. A hook whose scenario the provider cannot express
 * may call JUnit's {@code Assumptions.abort(reason)}: the test is then reported as skipped, not
 * passed.
 */
public abstract class ChannelCompatibilityKit {
  /** Where manual time starts: the current second, so peers that check time see a sane clock. */
  private final Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private boolean peerStarted;
  private ChannelKitClient run;
  private ChannelKitScenarios scenarios;

  /** For subclasses: one per channel module, run against that channel's local peer. */
  public ChannelCompatibilityKit() {
  }

  /**
   * Starts the local peer with its default answer: accept. Test thread, before each test and
   * before {@link #createChannel()}.
   */
  protected abstract void startPeer();

  /**
   * Stops the peer and releases its threads and port. Test thread, after each test, once the
   * client (and with it the channel) is shut down; also when the test failed.
   */
  protected abstract void stopPeer();

  /**
   * {@return a new channel pointed at the peer. Test thread, once per test after
   * {@link #startPeer()}; the client starts the channel and closes it when the test ends.}
   */
  protected abstract Channel createChannel();

  /**
   * {@return a syntactically valid address of the channel's type, different for each {@code i},
   * that the peer accepts unless scripted otherwise. Test thread, any number of times.}
   *
   * @param i 0 to 999
   */
  protected abstract Recipient.Address validAddress(int i);

  /**
   * Adds content the channel can send. Default: title, body, subject and text of a few words
   * each; override when the channel wants other parts. Test thread, before each send.
   *
   * @param notification a builder with the id and recipient set
   * @return the same builder
   */
  protected Notification.Builder withContent(Notification.Builder notification) {
    return notification.title("Hello").body("A compatibility kit message").subject("Hello")
        .text("A compatibility kit message");
  }

  /**
   * Adds content that the channel's {@code validate} must refuse as too large for the provider,
   * while it stays within the client's own limits (at most 4,096 bytes of {@code data}): put the
   * bulk in the body or text. Test thread.
   *
   * @param notification a builder with the id and a direct address set
   * @return the same builder
   */
  protected abstract Notification.Builder withOversizedContent(Notification.Builder notification);

  /**
   * Scripts the peer to accept every message to {@code address}. Test thread, before the send.
   *
   * @param address the address the test sends to
   */
  protected abstract void scriptAccept(Recipient.Address address);

  /**
   * Scripts the peer to reject every message to {@code address} in a way the channel classifies
   * as a permanent failure of that message (not of the address, not of the channel). Test thread,
   * before the send.
   *
   * @param address the address the test sends to
   */
  protected abstract void scriptPermanentRejection(Recipient.Address address);

  /**
   * Scripts the peer to fail the first message to {@code address} transiently (the channel
   * reports it retryable, with no Retry-After or a short one) and to accept the next. Test
   * thread, before the send.
   *
   * @param address the address the test sends to
   */
  protected abstract void scriptTransientFailureThenSuccess(Recipient.Address address);

  /**
   * Scripts the peer to report {@code address} invalid or unregistered (APNs 410 Unregistered,
   * FCM UNREGISTERED, Twilio 21211, SMTP 550 no such user). Test thread, before the send.
   *
   * @param address the address the test sends to
   * @param invalidatedAt when the address stopped being valid, in the past and in whole
   *     milliseconds; a peer that can say so reports it (see {@link #providesInvalidationTime()})
   */
  protected abstract void scriptAddressInvalid(Recipient.Address address, Instant invalidatedAt);

  /**
   * {@return true if the channel reports when an address became invalid (APNs does), so the kit
   * expects that timestamp on the event and in the directory's decision; default false, and the kit
   * expects none. Test thread.}
   */
  protected boolean providesInvalidationTime() {
    return false;
  }

  /**
   * Makes the whole channel unavailable for every address: an outage, account-wide throttling
   * or a configuration error the peer reports (bad credentials); the channel must answer each
   * send with {@code ChannelUnavailable}. Test thread, before the sends.
   */
  protected abstract void scriptChannelUnavailable();

  /**
   * Ends what {@link #scriptChannelUnavailable()} started: the peer accepts messages again. Test
   * thread, while the lane is paused and nothing is in flight.
   */
  protected abstract void restore();

  /**
   * {@return how many messages the peer accepted since the test started; rejected messages and
   * messages that never arrived do not count. Test thread, without waiting.}
   */
  protected abstract int acceptedCount();

  /**
   * Waits until the peer accepted at least {@code count} messages since the test started. Test
   * thread; blocks at most {@code timeout}.
   *
   * @param count how many accepted messages to wait for
   * @param timeout how long to wait at most
   * @return the address value (device token, phone number, email address) of every message
   *     accepted so far, in the order accepted
   * @throws AssertionError if they are not accepted in time
   */
  protected abstract List<String> awaitAccepted(int count, Duration timeout);

  /**
   * {@return the lane of the channel under test; default {@link LaneOptions#ofDefaults()} (2
   * threads, 128 in flight). A blocking channel may want more threads. Test thread, once per test
   * before the client is built.}
   */
  protected LaneOptions laneOptions() {
    return LaneOptions.ofDefaults();
  }

  /** {@return how long any single wait may take; default 30 s. Test thread.} */
  protected Duration waitTimeout() {
    return Duration.ofSeconds(30);
  }

  @BeforeEach
  final void startChannelUnderTest() {
    startPeer();
    peerStarted = true;
    run = new ChannelKitClient(createChannel(), laneOptions(), start, waitTimeout());
    scenarios = new ChannelKitScenarios(this, run, start);
  }

  @AfterEach
  final void stopChannelUnderTest() {
    try {
      if (run != null) {
        run.close();
      }
    } finally {
      if (peerStarted) {
        stopPeer();
      }
    }
  }

  /** Accepted: SENT after one attempt, with the provider's message id; the peer has it. */
  @Test
  void acceptedSendIsSent() {
    scenarios.acceptedSendIsSent();
  }

  /** Rejected for good: FAILED after one attempt with the provider's reason, no retry. */
  @Test
  void permanentRejectionFailsAfterOneAttempt() {
    scenarios.permanentRejectionFailsAfterOneAttempt();
  }

  /** A transient failure is retried when the policy says (manual time), then SENT. */
  @Test
  void transientFailureIsRetriedThenSent() {
    scenarios.transientFailureIsRetriedThenSent();
  }

  /**
   * An invalid address: FAILED, an ADDRESS_INVALID event (with the provider's timestamp when it
   * has one) and the address removed from the user's profile in the directory.
   */
  @Test
  void invalidAddressFailsAndReachesTheDirectory() {
    scenarios.invalidAddressFailsAndReachesTheDirectory();
  }

  /**
   * Unavailable: the lane pauses and nothing fails or spends an attempt, through more failed
   * probes than the retry policy has attempts; work sent meanwhile waits in the log; once the
   * peer is restored the next probe resumes the lane and everything is SENT.
   */
  @Test
  void channelUnavailablePausesTheLaneWithoutFailingAndResumes() {
    scenarios.channelUnavailablePausesTheLaneWithoutFailingAndResumes();
  }

  /** Too large for the provider: refused at send, nothing stored, the id not reserved. */
  @Test
  void payloadTooLargeIsRejectedAtSend() {
    scenarios.payloadTooLargeIsRejectedAtSend();
  }

  /** 1,000 sends from 8 threads at once: every one SENT once, the peer has each exactly once. */
  @Test
  void aThousandConcurrentSendsAreAllAccountedFor() throws Exception {
    scenarios.aThousandConcurrentSendsAreAllAccountedFor();
  }
}
