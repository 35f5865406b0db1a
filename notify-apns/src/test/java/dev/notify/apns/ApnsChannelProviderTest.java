package dev.notify.apns;

import static dev.notify.apns.Messages.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.Notification;
import dev.notify.NotificationClient;
import dev.notify.Recipient;
import dev.notify.SendReceipt;
import dev.notify.spi.Channel;
import dev.notify.status.NotificationStatus;
import dev.notify.testkit.ProviderPeerExtension;
import dev.notify.testkit.apns.ApnsPeerCredentials;
import dev.notify.testkit.apns.MockApnsPeer;
import dev.notify.testkit.apns.ReceivedPush;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Channels configured from properties, discovered through the client builder. */
class ApnsChannelProviderTest {
  @RegisterExtension
  static final ProviderPeerExtension<MockApnsPeer> APNS =
      ProviderPeerExtension.of(MockApnsPeer::start);
  @TempDir
  static Path dir;
  private static Path keyFile;
  private static Path trustFile;

  private final MockApnsPeer peer = APNS.peer();

  @BeforeAll
  static void writePeerFiles(MockApnsPeer peer) throws Exception {
    ApnsPeerCredentials c = peer.credentials();
    keyFile = c.writeSigningKey(dir);
    trustFile = Files.writeString(dir.resolve("peer.pem"), c.trustedCertificatePem());
  }

  private Map<String, String> peerProperties() {
    ApnsPeerCredentials c = peer.credentials();
    Map<String, String> p = new HashMap<>();
    p.put("provider", "apns");
    p.put("server", c.host() + ":" + c.port());
    p.put("trustedCertificates", trustFile.toString());
    p.put("keyFile", keyFile.toString());
    p.put("teamId", c.teamId());
    p.put("keyId", c.keyId());
    p.put("topic", c.topic());
    p.put("connections", "2");
    p.put("requestTimeout", "PT20S");
    return p;
  }

  @Test
  void aChannelDiscoveredFromPropertiesSendsThroughTheClient() throws Exception {
    Properties props = new Properties();
    peerProperties().forEach((k, v) -> props.setProperty("notify.channel.apns-props." + k, v));
    try (NotificationClient client = NotificationClient.builder().discoverChannels(props)
        .build()) {
      assertThat(client.channels()).extracting(Channel::name).containsExactly("apns-props");

      SendReceipt r = client.send(Notification.builder().id("from-properties")
          .to(Recipient.apnsToken(token(7))).title("Configured").body("by properties").build());

      NotificationStatus status = r.completion().get(30, TimeUnit.SECONDS);
      assertThat(status.isSent()).isTrue();
      List<ReceivedPush> received = peer.awaitReceived(1, Duration.ofSeconds(10));
      assertThat(received.get(0).token()).isEqualTo(token(7));
      assertThat(received.get(0).topic()).isEqualTo(peer.credentials().topic());
    }
  }

  @Test
  void anEnvironmentIsEnoughWithoutAServer() {
    Map<String, String> p = peerProperties();
    p.remove("server");
    p.remove("trustedCertificates");
    p.put("environment", "development");

    Channel channel = new ApnsChannelProvider().create("apns-dev", p);

    assertThat(channel.name()).isEqualTo("apns-dev");
    channel.close();
  }

  @Test
  void mistakesNameThePropertyAndTheRule() {
    ApnsChannelProvider provider = new ApnsChannelProvider();
    Map<String, String> p = peerProperties();
    p.put("keyFle", "typo");
    assertThatThrownBy(() -> provider.create("a", p)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("notify.channel.a.keyFle is not an APNs channel property");

    Map<String, String> noEnvironment = peerProperties();
    noEnvironment.remove("server");
    assertThatThrownBy(() -> provider.create("a", noEnvironment))
        .hasMessageContaining("notify.channel.a.environment must be 'production' or"
            + " 'development'");

    Map<String, String> bothAuths = peerProperties();
    bothAuths.put("certificateFile", keyFile.toString());
    assertThatThrownBy(() -> provider.create("a", bothAuths))
        .hasMessageContaining("set exactly one of notify.channel.a.keyFile");

    Map<String, String> noTeam = peerProperties();
    noTeam.remove("teamId");
    assertThatThrownBy(() -> provider.create("a", noTeam))
        .hasMessageContaining("notify.channel.a.teamId is required");

    Map<String, String> badDuration = peerProperties();
    badDuration.put("requestTimeout", "20s");
    assertThatThrownBy(() -> provider.create("a", badDuration))
        .hasMessageContaining("notify.channel.a.requestTimeout must be an ISO-8601 duration");

    Map<String, String> badPort = peerProperties();
    badPort.put("server", "localhost:http");
    assertThatThrownBy(() -> provider.create("a", badPort))
        .hasMessageContaining("notify.channel.a.server must be a whole number");

    Map<String, String> missingFile = peerProperties();
    missingFile.put("keyFile", dir.resolve("absent.p8").toString());
    assertThatThrownBy(() -> provider.create("a", missingFile))
        .hasMessageContaining("notify.channel.a.keyFile names no readable file");
  }
}
