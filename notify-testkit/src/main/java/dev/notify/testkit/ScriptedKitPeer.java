package dev.notify.testkit;

import dev.notify.Notification;
import dev.notify.Recipient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;

/** The kit's side of a peer, played with the peer's own answers; see {@link KitPeer.Builder}. */
final class ScriptedKitPeer<A> implements KitPeer {
  private final ProviderPeer<A, ?> peer;
  private final IntFunction<Recipient.Address> addresses;
  private final UnaryOperator<Notification.Builder> content;
  private final UnaryOperator<Notification.Builder> oversizedContent;
  private final A accept;
  private final A permanentRejection;
  private final A transientFailure;
  private final Function<Instant, A> addressInvalid;
  private final boolean providesInvalidationTime;
  private final Runnable unavailable;
  private final Runnable restore;

  ScriptedKitPeer(KitPeer.Builder<A> b) {
    this.peer = b.peer;
    this.addresses = b.addresses;
    this.content = b.content;
    this.oversizedContent = b.oversizedContent;
    this.accept = b.accept;
    this.permanentRejection = b.permanentRejection;
    this.transientFailure = b.transientFailure;
    this.addressInvalid = b.addressInvalid;
    this.providesInvalidationTime = b.providesInvalidationTime;
    this.unavailable = b.unavailable;
    this.restore = b.restore;
  }

  @Override
  public Recipient.Address address(int i) {
    return addresses.apply(i);
  }

  @Override
  public Notification.Builder withContent(Notification.Builder notification) {
    return content == null ? KitPeer.super.withContent(notification) : content.apply(notification);
  }

  @Override
  public Notification.Builder withOversizedContent(Notification.Builder notification) {
    if (oversizedContent == null) {
      throw new UnsupportedOperationException(peer.name() + " knows no provider size limit:"
          + " override withOversizedContent in the kit's subclass with content past the"
          + " channel's limit");
    }
    return oversizedContent.apply(notification);
  }

  @Override
  public void scriptAccept(Recipient.Address address) {
    peer.respond(address.value(), accept);
  }

  @Override
  public void scriptPermanentRejection(Recipient.Address address) {
    peer.respond(address.value(), permanentRejection);
  }

  @Override
  public void scriptTransientFailureThenSuccess(Recipient.Address address) {
    peer.respond(address.value(), transientFailure, accept);
  }

  @Override
  public void scriptAddressInvalid(Recipient.Address address, Instant invalidatedAt) {
    peer.respond(address.value(), addressInvalid.apply(invalidatedAt));
  }

  @Override
  public boolean providesInvalidationTime() {
    return providesInvalidationTime;
  }

  @Override
  public void scriptChannelUnavailable() {
    unavailable.run();
  }

  @Override
  public void restore() {
    restore.run();
  }

  @Override
  public int acceptedCount() {
    return accepted().size();
  }

  @Override
  public List<String> awaitAccepted(int count, Duration timeout) {
    return Await.atMost(timeout).until(count + " messages accepted by " + peer.name(),
        this::accepted, accepted -> accepted.size() >= count,
        accepted -> "got " + accepted.size() + " of " + peer.receivedCount() + " answered");
  }

  private List<String> accepted() {
    return peer.received().stream().filter(ReceivedMessage::accepted)
        .map(ReceivedMessage::address).toList();
  }

  @Override
  public String toString() {
    return "KitPeer[" + peer + "]";
  }
}
