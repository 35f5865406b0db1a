package dev.notify.examples.webhook;

import dev.notify.Notification;
import dev.notify.Recipient;
import dev.notify.examples.webhook.LocalWebhookServer.Answer;
import dev.notify.examples.webhook.LocalWebhookServer.Received;
import dev.notify.spi.Channel;
import dev.notify.testkit.ChannelCompatibilityKit;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The custom channel proves itself the way every channel module does: the compatibility kit runs
 * it through a client against its real peer, here {@link LocalWebhookServer} over HTTP.
 *
 * <ul>
 *   <li>permanent: 422; transient: 500, then accept; address invalid: 410 Gone;</li>
 *   <li>unavailable: every request answered 503, so the lane pauses and probes;</li>
 *   <li>too large: a body past the channel's 16 KiB limit.</li>
 * </ul>
 */
class WebhookChannelCompatibilityTest extends ChannelCompatibilityKit {
  private LocalWebhookServer server;

  @Override
  protected void startPeer() {
    server = LocalWebhookServer.start();
  }

  @Override
  protected void stopPeer() {
    server.close();
  }

  @Override
  protected Channel createChannel() {
    return WebhookChannel.builder().baseUri(server.baseUri()).build();
  }

  @Override
  protected Recipient.Address validAddress(int i) {
    return Recipient.address(WebhookChannel.TYPE, "room-" + i);
  }

  @Override
  protected Notification.Builder withContent(Notification.Builder notification) {
    return notification.title("Hello").body("A compatibility kit message");
  }

  @Override
  protected Notification.Builder withOversizedContent(Notification.Builder notification) {
    return notification.title("Hello").body("x".repeat(20_000));
  }

  @Override
  protected void scriptAccept(Recipient.Address address) {
    server.respond(address.value(), Answer.accept());
  }

  @Override
  protected void scriptPermanentRejection(Recipient.Address address) {
    server.respond(address.value(), Answer.status(422));
  }

  @Override
  protected void scriptTransientFailureThenSuccess(Recipient.Address address) {
    server.respond(address.value(), Answer.status(500), Answer.accept());
  }

  @Override
  protected void scriptAddressInvalid(Recipient.Address address, Instant invalidatedAt) {
    server.respond(address.value(), Answer.status(410));
  }

  @Override
  protected void scriptChannelUnavailable() {
    server.respondByDefault(Answer.status(503));
  }

  @Override
  protected void restore() {
    server.resetScript();
  }

  @Override
  protected int acceptedCount() {
    return accepted(server.received()).size();
  }

  @Override
  protected List<String> awaitAccepted(int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<String> accepted = accepted(server.received());
    int seen = server.received().size();
    while (accepted.size() < count) {
      Duration left = Duration.ofNanos(deadline - System.nanoTime());
      if (left.isNegative()) {
        throw new AssertionError("the web-hook server accepted " + accepted.size() + " of "
            + count + " requests within " + timeout);
      }
      // Wait for one more request, whatever its answer, then count the accepted ones again.
      seen = server.awaitReceived(seen + 1, left).size();
      accepted = accepted(server.received());
    }
    return accepted;
  }

  private static List<String> accepted(List<Received> received) {
    return received.stream().filter(Received::accepted).map(Received::endpoint).toList();
  }
}
