package dev.notify.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.Notification;
import dev.notify.NotificationClient;
import dev.notify.Recipient;
import dev.notify.testkit.ProviderPeerExtension;
import dev.notify.testkit.smtp.ReceivedEmail;
import dev.notify.testkit.smtp.SmtpPeer;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The channel from properties, discovered through ServiceLoader. */
class EmailChannelProviderTest {
  @RegisterExtension
  final ProviderPeerExtension<SmtpPeer> peers = ProviderPeerExtension.of(SmtpPeer::start);

  @Test
  void aDiscoveredChannelSends(SmtpPeer peer) throws Exception {
    Properties p = new Properties();
    p.setProperty("notify.channel.mail.provider", "smtp");
    p.setProperty("notify.channel.mail.host", "127.0.0.1");
    p.setProperty("notify.channel.mail.port", Integer.toString(peer.port()));
    p.setProperty("notify.channel.mail.security", "none");
    p.setProperty("notify.channel.mail.from", "notify@example.com");
    p.setProperty("notify.channel.mail.fromName", "Notify");
    p.setProperty("notify.channel.mail.readTimeout", "PT5S");
    try (NotificationClient client = NotificationClient.builder().discoverChannels(p).build()) {
      assertThat(client.send(Notification.builder().id("n").to(Recipient.email("a@example.com"))
          .subject("Hi").text("Hello").build()).completion().get(30, TimeUnit.SECONDS).isSent())
          .isTrue();
    }
    assertThat(peer.received()).extracting(ReceivedEmail::address).containsExactly("a@example.com");
  }

  @Test
  void unknownMissingAndMalformedPropertiesAreNamed() {
    EmailChannelProvider provider = new EmailChannelProvider();
    assertThatThrownBy(() -> provider.create("mail", Map.of("host", "h", "port", "25",
        "from", "n@example.com", "hots", "x")))
        .hasMessageContaining("notify.channel.mail.hots is not an SMTP channel property");
    assertThatThrownBy(() -> provider.create("mail", Map.of("host", "h", "port", "25")))
        .hasMessageContaining("notify.channel.mail.from is required");
    assertThatThrownBy(() -> provider.create("mail", Map.of("host", "h", "port", "x",
        "from", "n@example.com"))).hasMessageContaining("notify.channel.mail.port must be");
    assertThatThrownBy(() -> provider.create("mail", Map.of("host", "h", "port", "25",
        "from", "n@example.com", "security", "tls")))
        .hasMessageContaining("notify.channel.mail.security must be");
  }
}
