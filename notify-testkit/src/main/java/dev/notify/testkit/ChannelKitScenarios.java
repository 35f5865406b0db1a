package dev.notify.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.InvalidNotificationException;
import dev.notify.Notification;
import dev.notify.Recipient;
import dev.notify.SendReceipt;
import dev.notify.event.EventType;
import dev.notify.event.DeliveryEvent;
import dev.notify.recipient.UserProfile;
import dev.notify.status.Attempt;
import dev.notify.status.CircuitState;
import dev.notify.status.DeliveryState;
import dev.notify.status.DeliveryStatus;
import dev.notify.status.NotificationStatus;
import dev.notify.status.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The bodies of {@link ChannelCompatibilityKit}'s tests, kept apart from the hooks so that each
 * file stays readable. One instance per test, used on the test thread.
 */
final class ChannelKitScenarios {
  /** The hooks: addresses, content and the wait. */
  private final ChannelCompatibilityKit<?> kit;
  /** The peer's side: the scenarios' scripts and what it accepted. */
  private final KitPeer peer;
  private final ChannelKitClient run;
  private final Instant start;

  ChannelKitScenarios(ChannelCompatibilityKit<?> kit, KitPeer peer, ChannelKitClient run,
      Instant start) {
    this.kit = kit;
    this.peer = peer;
    this.run = run;
    this.start = start;
  }

  private Notification notification(String id, Recipient to) {
    return kit.withContent(Notification.builder().id(id).to(to)).build();
  }

  private DeliveryStatus sendAndFinish(String id, Recipient to) {
    return run.delivery(run.finalStatus(run.send(notification(id, to))));
  }

  void acceptedSendIsSent() {
    Recipient.Address to = kit.validAddress(0);
    peer.scriptAccept(to);
    DeliveryStatus d = sendAndFinish("kit-accepted", to);

    assertThat(d.state()).isEqualTo(DeliveryState.SENT);
    assertThat(d.attempts()).extracting(Attempt::outcome).containsExactly(Outcome.SENT);
    assertThat(d.providerMessageId()).isNotBlank();
    assertThat(run.events.count(EventType.SENT)).isEqualTo(1);
    assertThat(peer.awaitAccepted(1, kit.waitTimeout())).containsExactly(to.value());
  }

  void permanentRejectionFailsAfterOneAttempt() {
    Recipient.Address to = kit.validAddress(0);
    peer.scriptPermanentRejection(to);
    DeliveryStatus d = sendAndFinish("kit-permanent", to);

    assertThat(d.state()).isEqualTo(DeliveryState.FAILED);
    assertThat(d.attempts()).extracting(Attempt::outcome).containsExactly(Outcome.PERMANENT);
    assertThat(d.reason()).isNotBlank();
    assertThat(run.events.count(EventType.RETRY_SCHEDULED)).isZero();
    assertThat(run.events.count(EventType.ADDRESS_INVALID)).isZero();
    assertThat(peer.acceptedCount()).as("accepted by the peer").isZero();
  }

  void transientFailureIsRetriedThenSent() {
    Recipient.Address to = kit.validAddress(0);
    peer.scriptTransientFailureThenSuccess(to);
    SendReceipt receipt = run.send(notification("kit-transient", to));

    DeliveryEvent retry =
        run.events.awaitDeliveries(EventType.RETRY_SCHEDULED, 1, kit.waitTimeout()).get(0);
    assertThat(retry.nextAttemptAt()).as("the policy's 1 s, or a longer Retry-After")
        .isAfterOrEqualTo(start.plusSeconds(1));
    assertThat(run.currentDelivery(receipt.id()).state()).isEqualTo(DeliveryState.RETRY_SCHEDULED);
    run.time.advanceTo(retry.nextAttemptAt());

    DeliveryStatus d = run.delivery(run.finalStatus(receipt));
    assertThat(d.state()).isEqualTo(DeliveryState.SENT);
    assertThat(d.attempts()).extracting(Attempt::outcome)
        .containsExactly(Outcome.RETRYABLE, Outcome.SENT);
    assertThat(d.attempts()).extracting(Attempt::at).containsExactly(start, retry.nextAttemptAt());
    assertThat(d.providerMessageId()).isNotNull();
    assertThat(peer.awaitAccepted(1, kit.waitTimeout())).containsExactly(to.value());
  }

  void invalidAddressFailsAndReachesTheDirectory() {
    Instant invalidatedAt = start.minus(Duration.ofDays(1));
    Recipient.Address stale = kit.validAddress(0);
    run.directory.put(UserProfile.builder("kit-stale").contact(stale,
        invalidatedAt.minus(Duration.ofDays(30))).build());
    peer.scriptAddressInvalid(stale, invalidatedAt);

    DeliveryStatus d = sendAndFinish("kit-invalid", Recipient.user("kit-stale"));

    assertThat(d.state()).isEqualTo(DeliveryState.FAILED);
    assertThat(d.attempts()).extracting(Attempt::outcome).containsExactly(Outcome.ADDRESS_INVALID);
    DeliveryEvent event =
        run.events.awaitDeliveries(EventType.ADDRESS_INVALID, 1, kit.waitTimeout()).get(0);
    assertThat(event.address()).isEqualTo(stale);
    assertThat(event.invalidatedAt()).as("the provider's invalidation time")
        .isEqualTo(peer.providesInvalidationTime() ? invalidatedAt : null);
    assertThat(run.directory.findUser("kit-stale").orElseThrow().contact(stale))
        .as("the stale address is removed from the directory").isEmpty();

    if (peer.providesInvalidationTime()) {
      // Registered again after the provider's timestamp: the report is older, the address stays.
      Recipient.Address renewed = kit.validAddress(1);
      run.directory.put(UserProfile.builder("kit-renewed").contact(renewed,
          invalidatedAt.plus(Duration.ofHours(1))).build());
      peer.scriptAddressInvalid(renewed, invalidatedAt);
      assertThat(sendAndFinish("kit-renewed", Recipient.user("kit-renewed")).state())
          .isEqualTo(DeliveryState.FAILED);
      assertThat(run.directory.findUser("kit-renewed").orElseThrow().contact(renewed))
          .as("an address registered after the invalidation stays").isPresent();
    }
  }

  void channelUnavailablePausesTheLaneWithoutFailingAndResumes() {
    peer.scriptChannelUnavailable();
    List<Recipient.Address> to = IntStream.range(0, 4).mapToObj(kit::validAddress).toList();
    List<SendReceipt> receipts = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      receipts.add(run.send(notification("kit-unavailable-" + i, to.get(i))));
    }
    run.events.await(EventType.LANE_PAUSED, 1, kit.waitTimeout());
    run.awaitUntil("every send was answered and the lane is paused",
        () -> run.lane().inFlight() == 0 && run.lane().circuit() == CircuitState.OPEN);
    // Work that arrives while the lane is paused waits in the log.
    receipts.add(run.send(notification("kit-unavailable-3", to.get(3))));

    // An outage that outlasts the retry policy's three attempts: the probes do not count.
    long unavailable = unavailableAttempts();
    run.advanceUntil("three more probes met the unavailable channel",
        () -> unavailableAttempts() >= unavailable + 3, Duration.ofHours(1));
    for (SendReceipt r : receipts) {
      assertThat(run.currentDelivery(r.id()).state().isTerminal()).as(r.id() + " is pending")
          .isFalse();
      assertThat(r.completion()).isNotDone();
    }
    assertThat(run.events.count(EventType.FAILED) + run.events.count(EventType.DEAD)).isZero();
    assertThat(run.events.count(EventType.RETRY_SCHEDULED)).isZero();
    assertThat(peer.acceptedCount()).as("accepted while unavailable").isZero();

    peer.restore();
    run.advanceUntil("the lane resumed", () -> run.lane().circuit() == CircuitState.CLOSED,
        Duration.ofMinutes(10));

    long unavailableInStatuses = 0;
    for (NotificationStatus status : run.finalStatuses(receipts)) {
      DeliveryStatus d = run.delivery(status);
      assertThat(d.state()).as(status.id()).isEqualTo(DeliveryState.SENT);
      assertThat(d.attempts()).as(status.id()).extracting(Attempt::outcome).endsWith(Outcome.SENT)
          .containsOnlyOnce(Outcome.SENT).isSubsetOf(Outcome.CHANNEL_UNAVAILABLE, Outcome.SENT);
      assertThat(d.attempts()).as(status.id() + ": unavailable attempts do not count")
          .extracting(Attempt::number).containsOnly(1);
      unavailableInStatuses += d.attempts().stream()
          .filter(a -> a.outcome() == Outcome.CHANNEL_UNAVAILABLE).count();
    }
    assertThat(unavailableInStatuses).as("every unavailable attempt is in the status")
        .isEqualTo(unavailableAttempts());
    assertThat(run.events.count(EventType.LANE_PAUSED)).isEqualTo(1);
    assertThat(run.events.await(EventType.LANE_RESUMED, 1, kit.waitTimeout())).hasSize(1);
    assertThat(run.lane().circuit()).isEqualTo(CircuitState.CLOSED);
    assertThat(peer.awaitAccepted(to.size(), kit.waitTimeout()))
        .containsExactlyInAnyOrderElementsOf(to.stream().map(Recipient.Address::value).toList());
  }

  private long unavailableAttempts() {
    return run.lane().attempts().getOrDefault(Outcome.CHANNEL_UNAVAILABLE, 0L);
  }

  void payloadTooLargeIsRejectedAtSend() {
    Recipient.Address to = kit.validAddress(0);
    Notification oversized =
        kit.withOversizedContent(Notification.builder().id("kit-large").to(to)).build();

    assertThatThrownBy(() -> run.send(oversized))
        .isInstanceOfSatisfying(InvalidNotificationException.class, e -> {
          assertThat(e.field()).isNotBlank();
          assertThat(e.rule()).isNotBlank();
        });
    assertThat(run.client.status("kit-large")).as("nothing stored").isEmpty();
    assertThat(run.events.events()).as("no event").isEmpty();

    // The id was not reserved: a fitting notification with it is accepted and is all that arrives.
    SendReceipt fitting = run.send(notification("kit-large", to));
    assertThat(fitting.duplicate()).isFalse();
    assertThat(run.delivery(run.finalStatus(fitting)).state()).isEqualTo(DeliveryState.SENT);
    assertThat(peer.awaitAccepted(1, kit.waitTimeout())).containsExactly(to.value());
    assertThat(peer.acceptedCount()).isEqualTo(1);
  }

  void aThousandConcurrentSendsAreAllAccountedFor() throws Exception {
    int n = 1_000;
    List<Recipient.Address> to = IntStream.range(0, n).mapToObj(kit::validAddress).toList();
    List<Notification> notifications = IntStream.range(0, n)
        .mapToObj(i -> notification("kit-many-" + i, to.get(i))).toList();

    List<SendReceipt> receipts = run.sendConcurrently(notifications, 8);

    HashSet<String> providerIds = new HashSet<>();
    for (NotificationStatus status : run.finalStatuses(receipts)) {
      DeliveryStatus d = run.delivery(status);
      assertThat(d.state()).as(status.id()).isEqualTo(DeliveryState.SENT);
      assertThat(d.attempts()).as(status.id()).hasSize(1);
      providerIds.add(java.util.Objects.requireNonNull(d.providerMessageId(), "providerMessageId"));
    }
    assertThat(providerIds).as("distinct provider message ids").hasSize(n);
    assertThat(run.events.count(EventType.SENT)).isEqualTo(n);
    assertThat(run.lane().attempts()).containsEntry(Outcome.SENT, (long) n);
    assertThat(run.lane().finished()).containsEntry(DeliveryState.SENT, (long) n);
    run.awaitUntil("no send is in flight", () -> run.lane().inFlight() == 0);
    assertThat(run.client.stats().inMemory()).as("deliveries held in memory").isZero();
    assertThat(run.client.stats().latency().count()).isEqualTo(n);
    List<String> received = peer.awaitAccepted(n, kit.waitTimeout());
    assertThat(received).hasSize(n).doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(to.stream().map(Recipient.Address::value).toList());
  }
}
