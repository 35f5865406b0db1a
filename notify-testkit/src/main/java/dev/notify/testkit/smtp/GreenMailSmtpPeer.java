package dev.notify.testkit.smtp;

import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.util.DummySSLSocketFactory;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.notify.testkit.KitPeer;
import dev.notify.testkit.ProviderPeer;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLSocketFactory;
import org.jspecify.annotations.Nullable;

/**
 * GreenMail, the in-process mail server, with SMTP and SMTPS on free ports of loopback: it
 * accepts every message and records it as GreenMail parsed it ({@link ReceivedMimeMessage}), so
 * tests check MIME structure (alternative and related parts, attachments, headers, encodings) on
 * the server side. A {@link ProviderPeer}: records, waits, {@link #stop()} and
 * {@link #restart()} (an outage, both ports the same afterwards) work as there.
 *
 * <pre>{@code
 * @RegisterExtension
 * final ProviderPeerExtension<GreenMailSmtpPeer> greenMail =
 *     ProviderPeerExtension.of(GreenMailSmtpPeer::start);
 *
 * @Test
 * void htmlAndTextTravelAsAlternatives(GreenMailSmtpPeer peer) throws Exception {
 *   // plain SMTP to peer.host():peer.port(), or SMTPS to peer.host():peer.smtpsPort()
 *   // trusting peer.sslSocketFactory() without a host name check
 *   ... send ...
 *   MimeMessage m = peer.awaitMessages(1, Duration.ofSeconds(10)).get(0);
 *   assertThat(m.getContentType()).startsWith("multipart/alternative");
 * }
 * }</pre>
 *
 * <p><b>Not scriptable.</b> GreenMail decides its SMTP replies itself and offers no way to
 * script them per recipient, so this peer accepts every message: {@link #respond} and
 * {@link #respondByDefault} take only {@link Answer#ACCEPT}, and {@link #kit()} refuses.
 * For 4xx and 5xx replies, drops, timeouts and {@code ChannelCompatibilityKit} use
 * {@link SmtpPeer}. GreenMail's messages are kept in memory and forgotten on
 * {@link #restart()}; the peer's record survives it.
 *
 * <p>Needs GreenMail ({@code com.icegreen:greenmail}, without its
 * {@code org.eclipse.angus:jakarta.mail} and {@code junit:junit}), Jakarta Mail and Angus Mail on
 * the test class path: optional dependencies of the testkit. Thread-safe.
 */
public final class GreenMailSmtpPeer
    extends ProviderPeer<GreenMailSmtpPeer.Answer, ReceivedMimeMessage> {
  private volatile @Nullable GreenMail greenMail;
  /** The SMTPS port: 0 until the first start, then kept across restarts like the SMTP port. */
  private volatile int smtpsPort;

  /** The one answer GreenMail gives: see "Not scriptable" on {@link GreenMailSmtpPeer}. */
  public enum Answer {
    /** 250: the message is accepted and stored. */
    ACCEPT
  }

  private GreenMailSmtpPeer() {
    super(Answer.ACCEPT, 0, true);
  }

  /**
   * {@return a running GreenMail with SMTP and SMTPS on free ports of loopback}
   *
   * @throws IllegalStateException if it cannot listen
   */
  public static GreenMailSmtpPeer start() {
    GreenMailSmtpPeer peer = new GreenMailSmtpPeer();
    try {
      peer.startListening();
      return peer;
    } catch (RuntimeException | Error e) {
      peer.close();
      throw e;
    }
  }

  /** {@return {@code "127.0.0.1"}, the host both ports listen on} */
  public String host() {
    return InetAddress.getLoopbackAddress().getHostAddress();
  }

  /**
   * {@return the SMTPS port (TLS from the first byte), the same across {@link #restart()}; plain
   * SMTP is {@link #port()}}
   */
  public int smtpsPort() {
    port(); // fails if not started
    return smtpsPort;
  }

  /**
   * {@return a socket factory that trusts GreenMail's self-signed test certificate (and any
   * other): for SMTPS clients in tests only, together with no host name check}
   */
  public SSLSocketFactory sslSocketFactory() {
    return new DummySSLSocketFactory();
  }

  /**
   * Waits until at least {@code count} messages arrived since the start or
   * {@link #clearReceived()}, one per recipient.
   *
   * @param count how many messages to wait for
   * @param timeout how long to wait at most
   * @return every message received by then, oldest first
   * @throws AssertionError if they did not arrive in time
   */
  public List<MimeMessage> awaitMessages(int count, Duration timeout) {
    return awaitReceived(count, timeout).stream().map(ReceivedMimeMessage::message).toList();
  }

  /** Starts a GreenMail on the SMTP port and the SMTPS port, recording each delivery. */
  @Override
  protected int bind(int port) {
    GreenMail fresh = new GreenMail(new ServerSetup[] {setup(port, ServerSetup.PROTOCOL_SMTP),
        setup(smtpsPort, ServerSetup.PROTOCOL_SMTPS)});
    fresh.start();
    try {
      // The handler GreenMail delivers each recipient's copy with: kept, and each copy recorded.
      MessageDeliveryHandler store = fresh.getUserManager().getMessageDeliveryHandler();
      fresh.getUserManager().setMessageDeliveryHandler((message, address) -> {
        var user = store.handle(message, address);
        received(() -> new ReceivedMimeMessage(address.getEmail(), message.getMessage()));
        return user;
      });
      smtpsPort = fresh.getSmtps().getPort();
      greenMail = fresh;
      return fresh.getSmtp().getPort();
    } catch (RuntimeException | Error e) {
      fresh.stop();
      throw e;
    }
  }

  private static ServerSetup setup(int port, String protocol) {
    ServerSetup setup = new ServerSetup(port, InetAddress.getLoopbackAddress().getHostAddress(),
        protocol);
    return port == 0 ? setup.dynamicPort() : setup;
  }

  /** Stops GreenMail: both ports closed, its stored messages gone. */
  @Override
  protected void unbind() {
    GreenMail current = greenMail;
    greenMail = null;
    if (current != null) {
      current.stop();
    }
  }

  /**
   * Refuses: GreenMail cannot be scripted to reject, fail or be unavailable.
   *
   * @throws UnsupportedOperationException always, naming {@link SmtpPeer} for the kit
   */
  @Override
  protected KitPeer kit() {
    throw new UnsupportedOperationException("GreenMail accepts every message and cannot play"
        + " the compatibility kit's rejections: run ChannelCompatibilityKit against SmtpPeer");
  }

  @Override
  protected String name() {
    return "the GreenMail peer";
  }

  @Override
  public String toString() {
    GreenMail current = greenMail;
    return "GreenMailSmtpPeer[smtp=" + (current == null ? "none" : current.getSmtp().getPort())
        + ", smtps=" + (current == null ? "none" : current.getSmtps().getPort()) + ", running="
        + isRunning() + ", received=" + receivedCount() + "]";
  }
}
