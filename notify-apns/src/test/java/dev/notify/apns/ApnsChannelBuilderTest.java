package dev.notify.apns;

import static dev.notify.apns.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.ChannelType;
import dev.notify.spi.DeliveryResult;
import dev.notify.testkit.ManualChannelContext;
import dev.notify.testkit.ProviderPeerExtension;
import dev.notify.testkit.apns.ApnsPeerCredentials;
import dev.notify.testkit.apns.MockApnsPeer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The builder's checks, and what close() releases. */
class ApnsChannelBuilderTest {
  /** A peer with provider-token authentication, for most tests. */
  @RegisterExtension
  static final ProviderPeerExtension<MockApnsPeer> APNS =
      ProviderPeerExtension.of(MockApnsPeer::start);
  /** A peer that also takes TLS client certificates. */
  @RegisterExtension
  static final ProviderPeerExtension<MockApnsPeer> CERT_APNS =
      ProviderPeerExtension.of(() -> MockApnsPeer.builder().clientCertificateAuth(true).start());

  // Two peers of one type: tests take them from the extensions, not as parameters.
  private final MockApnsPeer peer = APNS.peer();
  private final ApnsPeerCredentials c = peer.credentials();
  private final ManualChannelContext context =
      ManualChannelContext.builder().channelName("apns").build();

  @AfterEach
  void closeContext() {
    context.close();
  }

  @Test
  void withoutCredentialsBuildSaysHowToAuthenticate() {
    assertThatThrownBy(() -> ApnsChannel.builder().production().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("tokenAuth(p8File, teamId, keyId)")
        .hasMessageContaining("clientCertificate(p12File, password)");
  }

  @Test
  void bothTokenAuthAndACertificateAreRefused() {
    MockApnsPeer withCert = CERT_APNS.peer();
    byte[] p12 = withCert.credentials().clientCertificateP12().orElseThrow();
    assertThatThrownBy(() -> PeerChannels.forPeer(withCert)
        .clientCertificate(new ByteArrayInputStream(p12),
            withCert.credentials().clientCertificatePassword())
        .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("both tokenAuth(...) and clientCertificate(...)");
  }

  @Test
  void withoutAnEnvironmentBuildSaysWhichToChoose() {
    assertThatThrownBy(() -> ApnsChannel.builder()
        .tokenAuth(c.signingKeyStream(), c.teamId(), c.keyId()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("production()").hasMessageContaining("development()");
  }

  @Test
  void badValuesAreRejectedAtOnceShowingTheValue() {
    ApnsChannel.Builder builder = ApnsChannel.builder();

    assertThatThrownBy(() -> builder.connections(0)).hasMessageContaining(": 0");
    assertThatThrownBy(() -> builder.server("localhost", 70000)).hasMessageContaining("70000");
    assertThatThrownBy(() -> builder.requestTimeout(Duration.ZERO)).hasMessageContaining("PT0S");
    assertThatThrownBy(() -> builder.topic("com.example app")).hasMessageContaining("'com.example app'");
    assertThatThrownBy(() -> builder.defaultExpiration(Duration.ofSeconds(-1)))
        .hasMessageContaining("PT-1S");
  }

  @Test
  void aKeyFileThatIsNotAP8KeyIsRejectedShowingItsFolderButNotItsName(@TempDir Path dir)
      throws Exception {
    Path notAKey = java.nio.file.Files.writeString(dir.resolve("AuthKey_ABC123DEFG.p8"), "hello");

    assertThatThrownBy(() -> ApnsChannel.builder().tokenAuth(notAKey, "TEAM", "ABC123DEFG"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(dir.resolve("Au…FG(18).p8").toString())
        .hasMessageNotContaining("ABC123DEFG");
  }

  @Test
  void aP8FileOnDiskWorks(@TempDir Path dir) throws Exception {
    Path p8 = c.writeSigningKey(dir);

    try (ApnsChannel channel = ApnsChannel.builder().server(c.host(), c.port())
        .trustedServerCertificates(c.trustedCertificate()).tokenAuth(p8, c.teamId(), c.keyId())
        .topic(c.topic()).name("apns-file").build()) {
      assertThat(send(channel)).isInstanceOf(DeliveryResult.Sent.class);
    }
  }

  @Test
  void aWrongCertificatePasswordIsRejected() {
    byte[] p12 = CERT_APNS.peer().credentials().clientCertificateP12().orElseThrow();
    assertThatThrownBy(() -> ApnsChannel.builder()
        .clientCertificate(new ByteArrayInputStream(p12), "wrong"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("wrong password?");
  }

  @Test
  void netty42GroupsThatPushyCannotUseAreRefusedWithTheFix() {
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    try {
      assertThatThrownBy(() -> PeerChannels.forPeer(peer).eventLoopGroup(group).build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("NioEventLoopGroup");
    } finally {
      group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
    }
  }

  @Test
  void aTrustStoreCanStandInForCertificates() throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("peer", c.trustedCertificate());

    try (ApnsChannel channel = PeerChannels.forPeer(peer).name("apns-store").trustStore(trust)
        .build()) {
      assertThat(send(channel)).isInstanceOf(DeliveryResult.Sent.class);
    }
  }

  @Test
  void nameAndTypeHaveDefaults() {
    try (ApnsChannel channel = PeerChannels.forPeer(peer).build()) {
      assertThat(channel.name()).isEqualTo("apns");
      assertThat(channel.type()).isEqualTo(ChannelType.APNS);
    }
  }

  @Test
  void toStringMasksTheIdsAndShowsNoKey() {
    try (ApnsChannel channel = PeerChannels.forPeer(peer).build()) {
      String text = channel.toString();

      assertThat(text).contains("localhost:" + c.port(), c.topic(), "NO…AM(10)")
          .doesNotContain(c.teamId(), c.keyId(), "PRIVATE");
    }
  }

  @Test
  void closeReleasesTheChannelsOwnThreadsAndLaterSendsAreUnavailable() throws Exception {
    ApnsChannel channel = PeerChannels.forPeer(peer).name("apns-owned").build();
    assertThat(send(channel)).isInstanceOf(DeliveryResult.Sent.class);
    assertThat(threads("notify-apns-owned-")).isPositive();

    channel.close();
    channel.close();

    // The group has terminated; its threads end right after saying so.
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().startsWith("notify-apns-owned-")) {
        thread.join(5_000);
      }
    }
    assertThat(threads("notify-apns-owned-")).isZero();
    assertThat(Kind.of(send(channel))).isEqualTo(Kind.UNAVAILABLE);
  }

  @Test
  @SuppressWarnings("deprecation") // NioEventLoopGroup: the group type pushy 0.15 supports
  void aSharedEventLoopGroupIsUsedAndLeftRunning() throws Exception {
    EventLoopGroup shared = new NioEventLoopGroup(1);
    try {
      try (ApnsChannel channel = PeerChannels.forPeer(peer).name("apns-shared")
          .eventLoopGroup(shared).build()) {
        assertThat(send(channel)).isInstanceOf(DeliveryResult.Sent.class);
        assertThat(threads("notify-apns-shared-")).isZero();
      }
      assertThat(shared.isShuttingDown()).isFalse();
    } finally {
      shared.shutdownGracefully(0, 0, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void clientCertificateAuthenticationWorks() throws Exception {
    MockApnsPeer withCert = CERT_APNS.peer();
    ApnsPeerCredentials cc = withCert.credentials();
    try (ApnsChannel channel = ApnsChannel.builder().name("apns-cert")
        .server(cc.host(), cc.port()).trustedServerCertificates(cc.trustedCertificate())
        .clientCertificate(new ByteArrayInputStream(cc.clientCertificateP12().orElseThrow()),
            cc.clientCertificatePassword())
        .topic(cc.topic()).build()) {
      assertThat(send(channel)).isInstanceOf(DeliveryResult.Sent.class);
    }
    assertThat(withCert.awaitReceived(1, Duration.ofSeconds(10)).get(0).bearerToken())
        .isFalse();
  }

  @Test
  void anUntrustedServerCertificateIsAConfigurationError() throws Exception {
    // No trusted certificates: the JDK's trust store does not know the peer's self-signed one.
    try (ApnsChannel channel = ApnsChannel.builder().name("apns-untrusted")
        .server(c.host(), c.port()).tokenAuth(c.signingKeyStream(), c.teamId(), c.keyId())
        .topic(c.topic()).build()) {
      DeliveryResult first = send(channel);
      DeliveryResult second = send(channel);

      assertThat(Kind.of(first)).as("%s", first).isEqualTo(Kind.CONFIGURATION);
      assertThat(Kind.reason(first)).startsWith("TLS: ");
      assertThat(Kind.of(second)).as("%s", second).isEqualTo(Kind.CONFIGURATION);
    }
  }

  private DeliveryResult send(ApnsChannel channel) throws Exception {
    return channel.send(message().delivery(), context).toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
  }

  private static long threads(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith(prefix) && t.isAlive()).count();
  }
}
