package dev.notify.email;

import static dev.notify.email.Messages.delivery;
import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.Content;
import dev.notify.Priority;
import dev.notify.Recipient;
import dev.notify.spi.DeliveryResult;
import dev.notify.spi.OutboundMessage;
import dev.notify.testkit.ManualChannelContext;
import dev.notify.testkit.ProviderPeerExtension;
import dev.notify.testkit.smtp.GreenMailSmtpPeer;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** RFC 8058 one-click unsubscribe headers from the configured link builder, seen by GreenMail. */
class ListUnsubscribeTest {
  @RegisterExtension
  final ProviderPeerExtension<GreenMailSmtpPeer> greenMail =
      ProviderPeerExtension.of(GreenMailSmtpPeer::start);

  private final ManualChannelContext context = ManualChannelContext.create();
  private EmailChannel channel;

  @AfterEach
  void close() {
    if (channel != null) {
      channel.close();
    }
    context.close();
  }

  private static OutboundMessage news(String category) {
    return new OutboundMessage("n-1", Recipient.email("ada@example.com"),
        new Content(null, null, Map.of(), "News", "Hello", null), Priority.NORMAL, category, null,
        Map.of(), Map.of("list", "weekly"));
  }

  private static URI link(UnsubscribeLinks.Message m) {
    if ("security".equals(m.category())) {
      return null;
    }
    return URI.create("https://example.com/unsubscribe?list=" + m.metadata().get("list")
        + "&who=" + m.address().hashCode() + "&cat=" + m.category());
  }

  @Test
  void bulkMailCarriesOneClickUnsubscribeHeaders() throws Exception {
    channel = PeerChannels.smtp(greenMail.peer()).unsubscribeLinks(ListUnsubscribeTest::link).build();
    assertThat(channel.sendBlocking(delivery("n-1/0", news("marketing")), context))
        .isInstanceOf(DeliveryResult.Sent.class);
    MimeMessage m = greenMail.peer().awaitMessages(1, PeerChannels.WAIT).get(0);
    assertThat(m.getHeader("List-Unsubscribe")).containsExactly("<https://example.com/unsubscribe"
        + "?list=weekly&who=" + "ada@example.com".hashCode() + "&cat=marketing>");
    assertThat(m.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
  }

  @Test
  void aCategoryWithoutALinkGetsNoHeaders() throws Exception {
    channel = PeerChannels.smtp(greenMail.peer()).unsubscribeLinks(ListUnsubscribeTest::link).build();
    channel.sendBlocking(delivery("n-1/0", news("security")), context);
    MimeMessage m = greenMail.peer().awaitMessages(1, PeerChannels.WAIT).get(0);
    assertThat(m.getHeader("List-Unsubscribe")).isNull();
    assertThat(m.getHeader("List-Unsubscribe-Post")).isNull();
  }

  @Test
  void aLinkThatIsNotHttpsFailsTheDeliveryLoudly() throws Exception {
    channel = PeerChannels.smtp(greenMail.peer()).unsubscribeLinks(m -> URI.create("http://example.com/u")).build();
    assertThat(channel.sendBlocking(delivery("n-1/0", news("marketing")), context))
        .isInstanceOfSatisfying(DeliveryResult.Permanent.class,
            p -> assertThat(p.reason()).contains("https"));
  }

  @Test
  void aFailingLinkBuilderFailsTheDeliveryAsPermanent() throws Exception {
    channel = PeerChannels.smtp(greenMail.peer()).unsubscribeLinks(m -> {
      throw new IllegalStateException("no signing key");
    }).build();
    assertThat(channel.sendBlocking(delivery("n-1/0", news("marketing")), context))
        .isInstanceOfSatisfying(DeliveryResult.Permanent.class,
            p -> assertThat(p.reason()).contains("no signing key"));
  }
}
