package dev.notify.apns;

import static dev.notify.apns.Messages.message;
import static dev.notify.apns.Messages.token;
import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.spi.Delivery;
import dev.notify.spi.DeliveryResult;
import dev.notify.testkit.Await;
import dev.notify.testkit.ManualChannelContext;
import dev.notify.testkit.ProviderPeerExtension;
import dev.notify.testkit.apns.MockApnsPeer;
import dev.notify.testkit.apns.PeerResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Outages, hangs and recovery against the real peer, one peer per test. */
class ApnsChannelResilienceTest {
  @RegisterExtension
  final ProviderPeerExtension<MockApnsPeer> apns = ProviderPeerExtension.of(MockApnsPeer::start);

  private final ManualChannelContext context =
      ManualChannelContext.builder().channelName("apns").build();
  private MockApnsPeer peer;
  private ApnsChannel channel;

  @BeforeEach
  void start(MockApnsPeer peer) {
    this.peer = peer;
    channel = PeerChannels.forPeer(peer).build();
  }

  @AfterEach
  void stop() {
    channel.close();
    context.close();
  }

  private DeliveryResult send(Delivery delivery) throws Exception {
    // pushy's reconnect delay grows to 60 s; every await has a deadline beyond that.
    return channel.send(delivery, context).toCompletableFuture().get(90, TimeUnit.SECONDS);
  }

  @Test
  void aStoppedServerMakesSendsRetryableAndTheySucceedAfterRestart() throws Exception {
    assertThat(send(message().delivery())).isInstanceOf(DeliveryResult.Sent.class);

    peer.stop();
    // The first send may still meet the dropping connection; the next one meets the refusal.
    DeliveryResult first = send(message().delivery());
    assertThat(first).isInstanceOf(DeliveryResult.Retryable.class);
    if (!Kind.reason(first).contains("ConnectException")) {
      // The dropping connection shows as either, depending on which side closes first.
      assertThat(Kind.reason(first)).containsAnyOf("Stream closed before a reply",
          "Connection reset");
      DeliveryResult refused = send(message().delivery());
      assertThat(refused).isInstanceOf(DeliveryResult.Retryable.class);
      assertThat(Kind.reason(refused)).startsWith("ConnectException");
    }

    // While APNs is unreachable one send at a time goes out as a probe (retryable when its
    // connection attempt fails); the others are held back at once as channel-unavailable, so
    // the lane pauses without spending the deliveries' attempts.
    List<CompletableFuture<DeliveryResult>> during = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      during.add(channel.send(message().delivery(), context).toCompletableFuture());
    }
    CompletableFuture.allOf(during.toArray(new CompletableFuture<?>[0])).get(90, TimeUnit.SECONDS);
    List<DeliveryResult> results = during.stream().map(CompletableFuture::join).toList();
    assertThat(results).allSatisfy(result ->
        assertThat(Kind.of(result)).isIn(Kind.RETRYABLE, Kind.UNAVAILABLE));
    assertThat(results).filteredOn(result -> Kind.of(result) == Kind.UNAVAILABLE)
        .hasSizeGreaterThanOrEqualTo(4)
        .allSatisfy(result -> assertThat(Kind.reason(result))
            .startsWith("APNs unreachable, not sent: ConnectException"));

    peer.restart();
    Delivery delivery = message().to(token(77)).delivery();
    DeliveryResult after = sendUntilSent(delivery, Duration.ofSeconds(90));

    assertThat(after).isInstanceOf(DeliveryResult.Sent.class);
    assertThat(peer.awaitReceived(2, Duration.ofSeconds(10)))
        .anySatisfy(push -> assertThat(push.token()).isEqualTo(token(77)));
  }

  /**
   * Resends the delivery, as the engine's retries would, until it is sent or the deadline; every
   * 100 ms, since a held-back send answers at once.
   */
  private DeliveryResult sendUntilSent(Delivery delivery, Duration deadline) {
    AtomicInteger attempt = new AtomicInteger();
    return Await.atMost(deadline).pollingEvery(Duration.ofMillis(100)).until(
        "the restarted peer accepts a resend",
        () -> sendOnce(new Delivery(delivery.id(), attempt.incrementAndGet(), delivery.message())),
        DeliveryResult.Sent.class::isInstance);
  }

  private DeliveryResult sendOnce(Delivery delivery) {
    try {
      return send(delivery);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while resending", e);
    } catch (Exception e) {
      throw new AssertionError("a resend did not answer", e);
    }
  }

  @Test
  void aRequestWithoutAnAnswerTimesOutAsRetryableOnTheContextsScheduler() throws Exception {
    peer.respond(token(5), PeerResponse.hang());

    CompletableFuture<DeliveryResult> hung = channel.send(message().to(token(5)).delivery(),
        context).toCompletableFuture();

    peer.awaitHanging(1, Duration.ofSeconds(30));
    assertThat(hung).isNotDone();
    assertThat(context.time().pendingTasks()).as("the request's timer").isEqualTo(1);
    context.time().advance(Duration.ofSeconds(29));
    assertThat(hung).isNotDone();
    context.time().advance(Duration.ofSeconds(1));
    assertThat(hung.get(1, TimeUnit.SECONDS))
        .isEqualTo(DeliveryResult.retryable("no answer from APNs within PT30S"));

    peer.releaseHung();
    DeliveryResult next = send(message().to(token(6)).delivery());
    assertThat(next).isInstanceOf(DeliveryResult.Sent.class);
    assertThat(context.time().pendingTasks()).as("the answered send's timer is cancelled")
        .isZero();
  }

  @Test
  void aServerThatAnswersEverythingWithAnErrorKeepsTheChannelUsable() throws Exception {
    peer.respondByDefault(PeerResponse.reject("ServiceUnavailable"));
    assertThat(Kind.of(send(message().delivery()))).isEqualTo(Kind.RETRYABLE);

    peer.resetScript();
    assertThat(send(message().delivery())).isInstanceOf(DeliveryResult.Sent.class);
  }
}
