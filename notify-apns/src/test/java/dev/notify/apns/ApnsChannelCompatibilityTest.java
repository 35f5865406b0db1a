package dev.notify.apns;

import com.eatthepath.pushy.apns.server.RejectionReason;
import dev.notify.Notification;
import dev.notify.Recipient;
import dev.notify.spi.Channel;
import dev.notify.testkit.ChannelCompatibilityKit;
import dev.notify.testkit.apns.MockApnsPeer;
import dev.notify.testkit.apns.PeerResponse;
import dev.notify.testkit.apns.ReceivedPush;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The channel compatibility kit against pushy's {@code MockApnsServer} over HTTP/2 and TLS, with
 * token authentication as a user configures it ({@link PeerChannels}).
 *
 * <ul>
 *   <li>permanent: {@code BadExpirationDate} (400); transient: {@code TooManyRequests} (429),
 *       then accept;</li>
 *   <li>address invalid: 410 {@code Unregistered} with its timestamp, which reaches the
 *       directory;</li>
 *   <li>unavailable: every push answered {@code InvalidProviderToken} (403), a configuration
 *       error, so the lane probes after 5 minutes of manual time;</li>
 *   <li>too large: a body that makes the payload exceed Apple's 4,096 bytes.</li>
 * </ul>
 */
class ApnsChannelCompatibilityTest extends ChannelCompatibilityKit {
  private MockApnsPeer peer;

  @Override
  protected void startPeer() {
    peer = MockApnsPeer.start();
  }

  @Override
  protected void stopPeer() {
    peer.close();
  }

  @Override
  protected Channel createChannel() {
    return PeerChannels.forPeer(peer).build();
  }

  @Override
  protected Recipient.Address validAddress(int i) {
    return Recipient.apnsToken(Messages.token(0xC0FFEE000L + i));
  }

  @Override
  protected Notification.Builder withContent(Notification.Builder notification) {
    return notification.title("Hello").body("A compatibility kit message");
  }

  @Override
  protected Notification.Builder withOversizedContent(Notification.Builder notification) {
    return notification.title("Hello").body("x".repeat(5_000));
  }

  @Override
  protected void scriptAccept(Recipient.Address address) {
    peer.respond(address.value(), PeerResponse.accept());
  }

  @Override
  protected void scriptPermanentRejection(Recipient.Address address) {
    peer.respond(address.value(), PeerResponse.reject(RejectionReason.BAD_EXPIRATION_DATE));
  }

  @Override
  protected void scriptTransientFailureThenSuccess(Recipient.Address address) {
    peer.respond(address.value(), PeerResponse.reject(RejectionReason.TOO_MANY_REQUESTS),
        PeerResponse.accept());
  }

  @Override
  protected void scriptAddressInvalid(Recipient.Address address, Instant invalidatedAt) {
    peer.respond(address.value(), PeerResponse.unregistered(invalidatedAt));
  }

  /** APNs' 410 carries the time the token stopped being valid. */
  @Override
  protected boolean providesInvalidationTime() {
    return true;
  }

  @Override
  protected void scriptChannelUnavailable() {
    peer.respondByDefault(PeerResponse.reject(RejectionReason.INVALID_PROVIDER_TOKEN));
  }

  @Override
  protected void restore() {
    peer.resetScript();
  }

  @Override
  protected int acceptedCount() {
    return accepted().size();
  }

  @Override
  protected List<String> awaitAccepted(int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<String> accepted = accepted();
    while (accepted.size() < count) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("the APNs peer accepted " + accepted.size() + " of " + count
            + " pushes within " + timeout);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
      accepted = accepted();
    }
    return accepted;
  }

  private List<String> accepted() {
    return peer.received().stream().filter(ReceivedPush::accepted).map(ReceivedPush::token)
        .toList();
  }
}
