package dev.notify.apns;

import static dev.notify.apns.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.notify.InvalidNotificationException;
import dev.notify.spi.OutboundMessage;
import dev.notify.testkit.ProviderPeerExtension;
import dev.notify.testkit.apns.MockApnsPeer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Header values that would be mangled or refused on the wire are refused by validate. */
class ApnsHeaderValidationTest {
  @RegisterExtension
  static final ProviderPeerExtension<MockApnsPeer> APNS =
      ProviderPeerExtension.of(MockApnsPeer::start);
  private static ApnsChannel channel;

  @BeforeAll
  static void start(MockApnsPeer peer) {
    channel = PeerChannels.forPeer(peer).build();
  }

  @AfterAll
  static void stop() {
    channel.close();
  }

  private static InvalidNotificationException invalid(OutboundMessage message) {
    return catchThrowableOfType(InvalidNotificationException.class,
        () -> channel.validate(message));
  }

  private static OutboundMessage withOptions(ApnsOptions.Builder options) {
    return message().options(options.build()).build();
  }

  @ParameterizedTest
  @ValueSource(strings = {"\u00e9t\u00e9", "\u4e2d\u6587", "a\u0000b", "a\u007fb", "a\rb",
      "a\nb", "\ud83d\ude00"})
  void aCollapseIdThatIsNotPrintableAsciiIsRefusedAtSend(String collapseId) {
    InvalidNotificationException e = invalid(withOptions(ApnsOptions.builder()
        .collapseId(collapseId)));

    assertThat(e.field()).isEqualTo("options.collapseId");
    assertThat(e.rule()).contains("printable ASCII", "apns-collapse-id", "at index");
  }

  @ParameterizedTest
  @ValueSource(strings = {"com.example.\u00e4pp", "com.example\u0000", "com.\u4e2d.app",
      "com.example\u007f"})
  void aTopicThatIsNotPrintableAsciiIsRefusedAtSend(String topic) {
    InvalidNotificationException e = invalid(withOptions(ApnsOptions.builder().topic(topic)));

    assertThat(e.field()).isEqualTo("options.topic");
    assertThat(e.rule()).contains("printable ASCII", "apns-topic");
  }

  @Test
  void aTopicTooLongForTheHeadersIsRefusedAtSend() {
    InvalidNotificationException e = invalid(withOptions(ApnsOptions.builder()
        .topic("a".repeat(10_000))));

    assertThat(e.field()).isEqualTo("options.topic");
    assertThat(e.rule()).contains("at most 255 characters", "was 10000");
    assertThatCode(() -> channel.validate(withOptions(ApnsOptions.builder()
        .topic("a".repeat(255)).collapseId("c".repeat(64))))).doesNotThrowAnyException();
  }

  @Test
  void aDefaultTopicThatIsNotPrintableAsciiIsRefusedWhenTheChannelIsBuilt() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ApnsChannel.builder()
        .topic("com.\u00e4pp")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("printable ASCII", "U+00E4");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\uff10", "\u0660", "\u06f1", "\u0966", "\uff41"})
  void aTokenWithNonAsciiDigitsIsRefused(String digit) {
    String token = digit + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde";
    InvalidNotificationException e = invalid(message().to(token).build());

    assertThat(e.field()).isEqualTo("address");
    assertThat(e.rule()).contains("ASCII hex digit at index 0");
  }
}
