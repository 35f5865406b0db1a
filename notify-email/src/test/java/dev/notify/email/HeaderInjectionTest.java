package dev.notify.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.InvalidNotificationException;
import dev.notify.Notification;
import dev.notify.NotificationClient;
import dev.notify.Recipient;
import dev.notify.testkit.ProviderPeerExtension;
import dev.notify.testkit.smtp.GreenMailSmtpPeer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * CR or LF in any header-bound field (CWE-93), malformed addresses and reserved headers: refused
 * at {@code send} through a real client, nothing stored, nothing sent to the peer.
 */
class HeaderInjectionTest {
  private static final String INJECTED = "\r\nBcc: victim@example.org";

  @RegisterExtension
  final ProviderPeerExtension<GreenMailSmtpPeer> greenMail =
      ProviderPeerExtension.of(GreenMailSmtpPeer::start);

  static Stream<Arguments> badNotifications() {
    return Stream.of(
        bad("content.subject", n -> n.subject("Hello" + INJECTED)),
        bad("content.subject", n -> n.subject("Hello\nWorld")),
        bad("content.subject", n -> n.subject("Bell\u0007")),
        bad("options.headers", n -> n.options(EmailOptions.builder()
            .header("X-Tag", "a" + INJECTED).build())),
        bad("options.headers", n -> n.options(EmailOptions.builder()
            .header("X-Tag\r\nBcc", "x").build())),
        bad("options.headers", n -> n.options(EmailOptions.builder()
            .header("Bcc", "victim@example.org").build())),
        bad("options.headers", n -> n.options(EmailOptions.builder()
            .header("X Bad", "x").build())),
        bad("options.replyTo", n -> n.options(EmailOptions.builder()
            .replyTo("help@example.com" + INJECTED).build())),
        bad("options.replyTo", n -> n.options(EmailOptions.builder()
            .replyTo("Help <help@example.com>").build())),
        bad("options.attachments", n -> n.options(EmailOptions.builder()
            .attachment(EmailAttachment.of("a.txt" + INJECTED, "text/plain", new byte[1]))
            .build())),
        bad("options.attachments", n -> n.options(EmailOptions.builder()
            .attachment(EmailAttachment.of("a.txt", "text/plain\r\nX-Evil: 1", new byte[1]))
            .build())),
        bad("options.attachments", n -> n.options(EmailOptions.builder()
            .attachment(EmailAttachment.of("a.txt", "not a type", new byte[1])).build())),
        bad("recipients[1]", n -> n.to(Recipient.email("ada@example.com" + INJECTED))),
        bad("recipients[1]", n -> n.to(Recipient.email("ada@@example.com"))),
        bad("recipients[1]", n -> n.to(Recipient.email("Ada <ada@example.com>"))),
        bad("recipients[1]", n -> n.to(Recipient.email("ada@example.com, eve@example.org"))),
        bad("recipients[1]", n -> n.to(Recipient.email("äda@example.com"))),
        bad("recipients[1]", n -> n.to(Recipient.email("ada"))),
        bad("message", n -> n.text("x".repeat(20_000))));
  }

  private static Arguments bad(String field, UnaryOperator<Notification.Builder> change) {
    return Arguments.of(field, change);
  }

  @ParameterizedTest(name = "{0} #{index}")
  @MethodSource("badNotifications")
  void isRefusedAtSendAndNothingIsSent(String field, UnaryOperator<Notification.Builder> change)
      throws Exception {
    try (NotificationClient client = NotificationClient.builder()
        .channel(PeerChannels.smtp(greenMail.peer()).maxMessageBytes(16 * 1024).build()).build()) {
      Notification.Builder n = Notification.builder().id("bad").to(Recipient.email(
          "ada@example.com")).subject("Hello").text("Hi");
      Notification notification = change.apply(n).build();
      assertThatThrownBy(() -> client.send(notification))
          .isInstanceOfSatisfying(InvalidNotificationException.class, e -> {
            assertThat(e.field()).endsWith(field);
            assertThat(e.getMessage()).doesNotContain("victim@example.org")
                .doesNotContain("ada@example.com");
          });
      assertThat(client.status("bad")).isEmpty();

      // The same id, well-formed, goes out alone: nothing of the bad one was sent.
      client.send(Notification.builder().id("bad").to(Recipient.email("ada@example.com"))
          .subject("Hello").text("Hi").build()).completion().get();
      assertThat(greenMail.peer().awaitMessages(1, PeerChannels.WAIT)).hasSize(1);
    }
  }

  @Test
  void theBuilderRefusesCrLfInTheFromAndReplyToDisplayNames() {
    assertThatThrownBy(() -> EmailChannel.builder().from("n@example.com", "Shop" + INJECTED))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CR or LF");
    assertThatThrownBy(() -> EmailChannel.builder().replyTo("h@example.com", "Help\nDesk"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CR or LF");
    assertThatThrownBy(() -> EmailChannel.builder().from("n@example.com" + INJECTED, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CR or LF");
  }
}
