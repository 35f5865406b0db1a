package dev.notify.testkit;

import dev.notify.Notification;
import dev.notify.Recipient;
import dev.notify.policy.LaneOptions;
import dev.notify.spi.Channel;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The behaviour every channel shows through a {@link dev.notify.NotificationClient}, as tests
 * (modelled on Micrometer's {@code MeterRegistryCompatibilityKit}). A channel module extends this
 * class with two hooks, the peer and the channel under test: {@link #startPeer()} starts a real
 * local peer of the provider (pushy's {@code MockApnsServer}, local FCM and Twilio HTTP
 * endpoints, the testkit's scriptable {@code SmtpPeer}), a {@link ProviderPeer}, and {@link #createChannel(ProviderPeer)} points
 * the channel at it. The peer knows how to play each scenario in its protocol ({@link KitPeer}:
 * accept, permanent rejection, transient failure, invalid address, unavailable channel); the
 * tests send through a client, never by calling {@code Channel.send} directly.
 *
 * <pre>{@code
 * class ApnsChannelCompatibilityTest extends ChannelCompatibilityKit<MockApnsPeer> {
 *   @Override
 *   protected MockApnsPeer startPeer() {
 *     return MockApnsPeer.start();
 *   }
 *
 *   @Override
 *   protected Channel createChannel(MockApnsPeer peer) {
 *     ApnsPeerCredentials c = peer.credentials();
 *     return ApnsChannel.builder().server(c.host(), c.port())
 *         .trustedServerCertificates(c.trustedCertificate())
 *         .tokenAuth(c.signingKeyStream(), c.teamId(), c.keyId()).topic(c.topic()).build();
 *   }
 * }
 * }</pre>
 *
 * <p>Optional hooks, each with a default: {@link #validAddress(int)}, {@link
 * #withContent(Notification.Builder)} and {@link #withOversizedContent(Notification.Builder)}
 * come from the peer's {@link KitPeer} and are overridden only when the channel, not the provider,
 * decides (a custom channel's own size limit); {@link #laneOptions()} and {@link #waitTimeout()}.
 *
 * <p>Each test starts a fresh peer (through a {@link ProviderPeerExtension}), builds a client
 * around {@link #createChannel(ProviderPeer)} on {@link ManualTime} with a
 * {@link RecordingListener}, an {@link dev.notify.inmemory.InMemoryRecipientDirectory} and
 * retries at exactly 1 s and 2 s (three attempts, no jitter), and afterwards shuts the client down
 * (which closes the channel) and closes the peer. Time passes only when a test advances it; every
 * wait has a deadline ({@link #waitTimeout()}).
 *
 * <p><b>Threads.</b> Every hook, and every {@link KitPeer} method, is called on the JUnit thread
 * that runs the test, never on the client's or the peer's threads, and may block. A
 * {@code KitPeer} whose scenario the provider cannot express may call JUnit's
 * {@code Assumptions.abort(reason)}: the test is then reported as skipped, not passed.
 *
 * @param <P> the type of the local peer
 */
public abstract class ChannelCompatibilityKit<P extends ProviderPeer<?, ?>> {
  /** Where manual time starts: the current second, so peers that check time see a sane clock. */
  private final Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  /** Starts a fresh peer before each test and closes it after the test's client is shut down. */
  @RegisterExtension
  final ProviderPeerExtension<P> peers = ProviderPeerExtension.of(this::startPeer);
  private KitPeer kitPeer;
  private ChannelKitClient run;
  private ChannelKitScenarios scenarios;

  /** For subclasses: one per channel module, run against that channel's local peer. */
  public ChannelCompatibilityKit() {
  }

  /**
   * {@return a running peer with its default answer, accept; the kit closes it after the test;
   * test thread, before each test and before {@link #createChannel(ProviderPeer)}}
   */
  protected abstract P startPeer();

  /**
   * {@return a new channel pointed at the peer; test thread, once per test after
   * {@link #startPeer()}; the client starts the channel and closes it when the test ends}
   *
   * @param peer the running peer of this test
   */
  protected abstract Channel createChannel(P peer);

  /**
   * {@return a syntactically valid address of the channel's type, different for each {@code i},
   * that the peer accepts unless scripted otherwise; default {@link KitPeer#address(int)}; test
   * thread, any number of times}
   *
   * @param i 0 to 999
   */
  protected Recipient.Address validAddress(int i) {
    return kitPeer.address(i);
  }

  /**
   * Adds content the channel can send. Default {@link KitPeer#withContent(Notification.Builder)};
   * override when the channel wants other parts than its provider. Test thread, before each
   * send.
   *
   * @param notification a builder with the id and recipient set
   * @return the same builder
   */
  protected Notification.Builder withContent(Notification.Builder notification) {
    return kitPeer.withContent(notification);
  }

  /**
   * Adds content that the channel's {@code validate} must refuse as too large, while it stays
   * within the client's own limits (at most 4,096 bytes of {@code data}): put the bulk in the
   * body or text. Default {@link KitPeer#withOversizedContent(Notification.Builder)}, the
   * provider's limit; override when the limit is the channel's own. Test thread.
   *
   * @param notification a builder with the id and a direct address set
   * @return the same builder
   */
  protected Notification.Builder withOversizedContent(Notification.Builder notification) {
    return kitPeer.withOversizedContent(notification);
  }

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
    P running = peers.peer();
    kitPeer = running.kit();
    run = new ChannelKitClient(createChannel(running), laneOptions(), start, waitTimeout());
    scenarios = new ChannelKitScenarios(this, kitPeer, run, start);
  }

  /** Shuts the client down (closing the channel); the extension then closes the peer. */
  @AfterEach
  final void stopChannelUnderTest() {
    if (run != null) {
      run.close();
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
