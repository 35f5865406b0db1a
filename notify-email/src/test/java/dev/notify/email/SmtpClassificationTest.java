package dev.notify.email;

import static dev.notify.email.Messages.delivery;
import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.spi.Delivery;
import dev.notify.spi.DeliveryResult;
import dev.notify.testkit.ManualChannelContext;
import dev.notify.testkit.ProviderPeerExtension;
import dev.notify.testkit.smtp.ReceivedEmail;
import dev.notify.testkit.smtp.SmtpAnswer;
import dev.notify.testkit.smtp.SmtpPeer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each SMTP answer of a real SMTP peer, as the channel classifies it (the README's table). */
class SmtpClassificationTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @RegisterExtension
  final ProviderPeerExtension<SmtpPeer> peers = ProviderPeerExtension.of(SmtpPeer::start);

  private final ManualChannelContext context = ManualChannelContext.create();
  private EmailChannel channel;

  @AfterEach
  void close() {
    if (channel != null) {
      channel.close();
    }
    context.close();
  }

  private DeliveryResult send(SmtpPeer peer, SmtpAnswer answer) throws Exception {
    peer.respond("ada@example.com", answer);
    if (channel == null) {
      channel = PeerChannels.plain(peer).build();
    }
    return channel.sendBlocking(delivery("n-1/0", "ada@example.com"), context);
  }

  @Test
  void acceptedMessageIsSentWithTheMessageIdOfTheDelivery(SmtpPeer peer) throws Exception {
    DeliveryResult r = send(peer, SmtpAnswer.accept());
    assertThat(r).isEqualTo(DeliveryResult.sent("<n-1/0@example.com>"));
    assertThat(peer.awaitReceived(1, WAIT).get(0).data())
        .contains("Message-ID: <n-1/0@example.com>");
  }

  @Test
  void serviceClosing421AtRcptIsRetryable(SmtpPeer peer) throws Exception {
    assertThat(send(peer, SmtpAnswer.atRcpt(421, "4.3.2 Service shutting down")))
        .isInstanceOf(DeliveryResult.Retryable.class);
  }

  @Test
  void greylisting451IsRetryable(SmtpPeer peer) throws Exception {
    assertThat(send(peer, SmtpAnswer.atRcpt(451, "4.7.1 Greylisted, try again later")))
        .isInstanceOfSatisfying(DeliveryResult.Retryable.class,
            r -> assertThat(r.reason()).contains("451 4.7.1"));
  }

  @Test
  void throttling450ReportedAsInvalidAddressesIsRetryable(SmtpPeer peer) throws Exception {
    // Angus throws SendFailedException("Invalid Addresses") here (angus-mail #160).
    assertThat(send(peer, SmtpAnswer.atRcpt(450, "4.7.0 Too many messages, slow down")))
        .isInstanceOf(DeliveryResult.Retryable.class);
  }

  @Test
  void noSuchUser550IsAddressInvalidAndTheReasonMasksTheAddress(SmtpPeer peer) throws Exception {
    DeliveryResult r = send(peer, SmtpAnswer.atRcpt(550,
        "5.1.1 <ada@example.com>: Recipient address rejected: User unknown"));
    assertThat(r).isInstanceOfSatisfying(DeliveryResult.AddressInvalid.class, a -> {
      assertThat(a.reason()).contains("550 5.1.1").doesNotContain("ada@");
      assertThat(a.invalidatedAt()).isNull();
    });
  }

  @Test
  void userNotLocal551And553WithoutEnhancedCodesAreAddressInvalid(SmtpPeer peer)
      throws Exception {
    assertThat(send(peer, SmtpAnswer.atRcpt(551, "User not local; no such user")))
        .isInstanceOf(DeliveryResult.AddressInvalid.class);
    assertThat(send(peer, SmtpAnswer.atRcpt(553, "Requested action not taken: mailbox name"
        + " not allowed, mailbox unavailable"))).isInstanceOf(DeliveryResult.AddressInvalid.class);
  }

  @Test
  void policyRejection550IsPermanentNotAddressInvalid(SmtpPeer peer) throws Exception {
    assertThat(send(peer, SmtpAnswer.atRcpt(550, "5.7.1 Message rejected by policy")))
        .isInstanceOf(DeliveryResult.Permanent.class);
  }

  @Test
  void contentRejection554AtDataIsPermanent(SmtpPeer peer) throws Exception {
    assertThat(send(peer, SmtpAnswer.atData(554, "5.6.0 Message content rejected")))
        .isInstanceOf(DeliveryResult.Permanent.class);
  }

  @Test
  void mailboxFull452AtDataIsRetryable(SmtpPeer peer) throws Exception {
    assertThat(send(peer, SmtpAnswer.atData(452, "4.2.2 Mailbox full")))
        .isInstanceOf(DeliveryResult.Retryable.class);
  }

  @Test
  void greeting421IsChannelUnavailable(SmtpPeer peer) throws Exception {
    peer.greeting("421 4.3.2 Too busy, come back later");
    assertThat(send(peer, SmtpAnswer.accept()))
        .isInstanceOfSatisfying(DeliveryResult.ChannelUnavailable.class,
            r -> assertThat(r.configurationError()).isFalse());
  }

  @Test
  void aServerThatNeverGreetsIsChannelUnavailableWithinTheReadTimeout(SmtpPeer peer)
      throws Exception {
    peer.greeting("");
    channel = PeerChannels.plain(peer).readTimeout(Duration.ofMillis(300)).build();
    long start = System.nanoTime();
    assertThat(channel.sendBlocking(delivery("n-1/0", "ada@example.com"), context))
        .isInstanceOf(DeliveryResult.ChannelUnavailable.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(WAIT);
  }

  @Test
  void connectionRefusedIsChannelUnavailable(SmtpPeer peer) throws Exception {
    peer.stop();
    assertThat(send(peer, SmtpAnswer.accept()))
        .isInstanceOfSatisfying(DeliveryResult.ChannelUnavailable.class,
            r -> assertThat(r.configurationError()).isFalse());
  }

  @Test
  void refusedLoginIsAConfigurationErrorWithoutThePassword(SmtpPeer peer) throws Exception {
    peer.requireLogin("notify", "right-password");
    channel = PeerChannels.plain(peer).login("notify", "wrong-password").build();
    DeliveryResult r = channel.sendBlocking(delivery("n-1/0", "ada@example.com"), context);
    assertThat(r).isInstanceOfSatisfying(DeliveryResult.ChannelUnavailable.class, u -> {
      assertThat(u.configurationError()).isTrue();
      assertThat(u.reason()).doesNotContain("wrong-password");
    });
    assertThat(channel.toString()).doesNotContain("password").doesNotContain("notify@");
  }

  @Test
  void authenticationRequired530IsAConfigurationError(SmtpPeer peer) throws Exception {
    peer.requireLogin("notify", "right-password");
    assertThat(send(peer, SmtpAnswer.accept()))
        .isInstanceOfSatisfying(DeliveryResult.ChannelUnavailable.class,
            u -> assertThat(u.configurationError()).isTrue());
  }

  @Test
  void aRefusedSenderIsAConfigurationError(SmtpPeer peer) throws Exception {
    peer.mailFromReply("550 5.7.1 <notify@example.com>: Sender address rejected");
    assertThat(send(peer, SmtpAnswer.accept()))
        .isInstanceOfSatisfying(DeliveryResult.ChannelUnavailable.class, u -> {
          assertThat(u.configurationError()).isTrue();
          assertThat(u.reason()).doesNotContain("notify@example.com");
        });
  }

  @Test
  void aServerWithoutStartTlsIsRefusedByDefaultAsAConfigurationError(SmtpPeer peer)
      throws Exception {
    channel = PeerChannels.plain(peer).security(SmtpSecurity.STARTTLS_REQUIRED).build();
    assertThat(channel.sendBlocking(delivery("n-1/0", "ada@example.com"), context))
        .isInstanceOfSatisfying(DeliveryResult.ChannelUnavailable.class,
            u -> assertThat(u.configurationError()).isTrue());
    assertThat(peer.received()).as("nothing sent in the clear").isEmpty();
  }

  @Test
  void aPooledConnectionClosedWith421IsReplacedWithoutFailingTheSend(SmtpPeer peer)
      throws Exception {
    channel = PeerChannels.plain(peer).idleCheck(Duration.ofHours(1)).build();
    assertThat(channel.sendBlocking(delivery("n-1/0", "ada@example.com"), context))
        .isInstanceOf(DeliveryResult.Sent.class);
    peer.closeNextReusedConnectionWith421();
    assertThat(channel.sendBlocking(delivery("n-2/0", "ada@example.com"), context))
        .isInstanceOf(DeliveryResult.Sent.class);
    assertThat(peer.sessions()).isEqualTo(2);
  }

  @Test
  void aClosedChannelAnswersUnavailableAndClosesItsConnections(SmtpPeer peer) throws Exception {
    channel = PeerChannels.plain(peer).build();
    assertThat(channel.sendBlocking(delivery("n-1/0", "ada@example.com"), context))
        .isInstanceOf(DeliveryResult.Sent.class);
    channel.close();
    channel.close(); // idempotent
    assertThat(channel.sendBlocking(delivery("n-2/0", "ada@example.com"), context))
        .isInstanceOf(DeliveryResult.ChannelUnavailable.class);
    assertThat(peer.sessions()).isEqualTo(1);
  }

  @Test
  void correctLoginSends(SmtpPeer peer) throws Exception {
    peer.requireLogin("notify", "right-password");
    channel = PeerChannels.plain(peer).login("notify", "right-password").build();
    assertThat(channel.sendBlocking(delivery("n-1/0", "ada@example.com"), context))
        .isInstanceOf(DeliveryResult.Sent.class);
  }

  @Test
  void connectionDroppedWhileTheMessageIsWrittenIsRetryableAndTheRetryIsSent(SmtpPeer peer)
      throws Exception {
    peer.respond("ada@example.com", SmtpAnswer.dropInData(), SmtpAnswer.accept());
    channel = PeerChannels.plain(peer).maxMessageBytes(32L << 20).build();
    // Larger than the socket buffers: the client is still writing when the peer hangs up.
    Delivery large = delivery("n-1/0", Messages.message("ada@example.com", "Large",
        "line of text\r\n".repeat(800_000), null));
    assertThat(channel.sendBlocking(large, context))
        .as("the server never saw the end of the message")
        .isInstanceOf(DeliveryResult.Retryable.class);
    assertThat(channel.sendBlocking(large, context))
        .isEqualTo(DeliveryResult.sent("<n-1/0@example.com>"));
    assertThat(peer.received()).extracting(ReceivedEmail::accepted).containsExactly(false, true);
  }

  @Test
  void connectionDroppedAfterTheWholeMessageWentOutIsOutcomeUnknown(SmtpPeer peer)
      throws Exception {
    // A small message fits the socket buffers: "." is written before the peer hangs up, so
    // nobody knows whether the server took it. Retried all the same, as at-least-once wants.
    assertThat(send(peer, SmtpAnswer.dropInData()))
        .isInstanceOf(DeliveryResult.OutcomeUnknown.class);
  }

  @Test
  void aServerThatStopsAnsweringAfterTheDataIsOutcomeUnknownWithinTheReadTimeout(SmtpPeer peer)
      throws Exception {
    peer.respond("ada@example.com", SmtpAnswer.silent());
    channel = PeerChannels.plain(peer).readTimeout(Duration.ofMillis(300)).build();
    long start = System.nanoTime();
    assertThat(channel.sendBlocking(delivery("n-1/0", "ada@example.com"), context))
        .isInstanceOf(DeliveryResult.OutcomeUnknown.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(WAIT);
  }

  @Test
  void aServerThatStopsReadingMidDataEndsInTheWriteTimeoutAsRetryable(SmtpPeer peer)
      throws Exception {
    peer.respond("ada@example.com", SmtpAnswer.stallInData());
    channel = PeerChannels.plain(peer).writeTimeout(Duration.ofMillis(500))
        .maxMessageBytes(64L << 20).build();
    Delivery large = delivery("n-1/0", Messages.message("ada@example.com", "Large",
        "line of text\r\n".repeat(2_000_000), null));
    long start = System.nanoTime();
    assertThat(channel.sendBlocking(large, context))
        .as("Jakarta Mail would wait forever here").isInstanceOf(DeliveryResult.Retryable.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(WAIT);
  }

  @Test
  void aPooledConnectionTheServerClosedIsReplacedWithoutFailingTheSend(SmtpPeer peer)
      throws Exception {
    channel = PeerChannels.plain(peer).idleCheck(Duration.ofHours(1)).build();
    assertThat(channel.sendBlocking(delivery("n-1/0", "ada@example.com"), context))
        .isInstanceOf(DeliveryResult.Sent.class);
    peer.restart(); // drops the pooled connection
    assertThat(channel.sendBlocking(delivery("n-2/0", "ada@example.com"), context))
        .isInstanceOf(DeliveryResult.Sent.class);
    assertThat(peer.sessions()).isEqualTo(2);
    assertThat(peer.received()).extracting(ReceivedEmail::accepted).containsExactly(true, true);
  }
}
