package dev.notify.apns;

import static dev.notify.apns.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.notify.InvalidNotificationException;
import dev.notify.Recipient;
import dev.notify.spi.DeliveryResult;
import dev.notify.spi.OutboundMessage;
import dev.notify.testkit.ManualChannelContext;
import dev.notify.testkit.ProviderPeerExtension;
import dev.notify.testkit.apns.MockApnsPeer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** validate() at send time, and the same rules applied by send() without a round trip. */
class ApnsChannelValidationTest {
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

  @Test
  void aWellFormedAlertPasses() {
    assertThatCode(() -> channel.validate(message().build())).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "zz" + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd",
      "0123456789abcdef 123456789abcdef0123456789abcdef0123456789abcdef",
      "<0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef>"})
  void aTokenThatIsNotHexIsRejectedNamingTheAddress(String token) {
    InvalidNotificationException e = invalid(message().to(token).build());

    assertThat(e.field()).isEqualTo("address");
    assertThat(e.rule()).contains("hexadecimal");
    assertThat(e.getMessage()).doesNotContain(token);
  }

  @Test
  void aTokenWithAnOddNumberOfDigitsIsRejected() {
    InvalidNotificationException e = invalid(message().to("a".repeat(63)).build());

    assertThat(e.field()).isEqualTo("address");
    assertThat(e.rule()).contains("even number", "63");
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 30, 202, 400})
  void aTokenOutsideTheLengthBoundsIsRejected(int digits) {
    InvalidNotificationException e = invalid(message().to("a".repeat(digits)).build());

    assertThat(e.field()).isEqualTo("address");
    assertThat(e.rule()).contains("32 to 200", "had " + digits);
  }

  @Test
  void anAddressOfAnotherChannelTypeIsRejected() {
    InvalidNotificationException e = invalid(message()
        .address(Recipient.fcmToken("fcm-token")).build());

    assertThat(e.field()).isEqualTo("address");
    assertThat(e.rule()).contains("type fcm");
  }

  @Test
  void anAlertWithNothingToShowIsRejectedNamingTheContent() {
    InvalidNotificationException e = invalid(message().noAlert().data(Map.of("k", "v")).build());

    assertThat(e.field()).isEqualTo("content");
    assertThat(e.rule()).contains("title or body", "contentAvailable");
  }

  @Test
  void aSilentBackgroundPushNeedsNoAlert() {
    assertThatCode(() -> channel.validate(message().noAlert()
        .options(ApnsOptions.builder().contentAvailable(true).build()).build()))
        .doesNotThrowAnyException();
  }

  @Test
  void aBadgeOnlyUpdateIsAnAlert() {
    assertThatCode(() -> channel.validate(message().noAlert()
        .options(ApnsOptions.builder().badge(0).build()).build()))
        .doesNotThrowAnyException();
  }

  @Test
  void aBackgroundPushThatShowsSomethingIsRejected() {
    InvalidNotificationException e = invalid(message()
        .options(ApnsOptions.builder().pushType(ApnsPushType.BACKGROUND).build()).build());

    assertThat(e.field()).isEqualTo("options.pushType");
  }

  @Test
  void theApsKeyInDataIsReserved() {
    InvalidNotificationException e = invalid(message().data(Map.of("aps", "x")).build());

    assertThat(e.field()).isEqualTo("content.data");
  }

  @Test
  void anOversizedPayloadIsRejectedWithTheSizes() {
    InvalidNotificationException e = invalid(message().body("x".repeat(5000)).build());

    assertThat(e.field()).isEqualTo("payload");
    assertThat(e.rule()).contains("at most 4096 bytes", "alert push", "was 50");
  }

  @Test
  void sizeIsCountedInUtf8Bytes() {
    // 1400 three-byte characters: 4200 bytes, though only 1400 chars.
    InvalidNotificationException e = invalid(message().body("€".repeat(1400)).build());

    assertThat(e.field()).isEqualTo("payload");
  }

  @Test
  void voipPushesMayCarryUpTo5120Bytes() {
    ApnsOptions voip = ApnsOptions.builder().pushType(ApnsPushType.VOIP).build();

    assertThatCode(() -> channel.validate(message().body("x".repeat(4500)).options(voip)
        .build())).doesNotThrowAnyException();
    InvalidNotificationException e = invalid(message().body("x".repeat(5200)).options(voip)
        .build());
    assertThat(e.rule()).contains("at most 5120 bytes", "voip push");
  }

  @Test
  void withoutADefaultTopicEveryNotificationMustNameOne(MockApnsPeer peer) {
    try (ApnsChannel noTopic = ApnsChannel.builder().name("apns-no-topic")
        .server(peer.host(), peer.port())
        .tokenAuth(peer.credentials().signingKeyStream(), peer.credentials().teamId(),
            peer.credentials().keyId())
        .build()) {
      InvalidNotificationException e = catchThrowableOfType(InvalidNotificationException.class,
          () -> noTopic.validate(message().build()));

      assertThat(e.field()).isEqualTo("options.topic");
      assertThatCode(() -> noTopic.validate(message()
          .options(ApnsOptions.builder().topic("com.example.app").build()).build()))
          .doesNotThrowAnyException();
    }
  }

  @Test
  void sendAppliesTheSameRulesWithoutARoundTrip(MockApnsPeer peer) throws Exception {
    long before = peer.receivedCount();
    try (ManualChannelContext context = ManualChannelContext.builder().channelName("apns")
        .build()) {
      DeliveryResult badToken = channel.send(message().to("xyz").delivery(), context)
          .toCompletableFuture().get(5, TimeUnit.SECONDS);
      DeliveryResult tooLarge = channel.send(message().body("x".repeat(5000)).delivery(),
          context).toCompletableFuture().get(5, TimeUnit.SECONDS);

      assertThat(Kind.of(badToken)).isEqualTo(Kind.ADDRESS_INVALID);
      assertThat(Kind.of(tooLarge)).isEqualTo(Kind.PERMANENT);
      assertThat(Kind.reason(tooLarge)).startsWith("payload: must be at most 4096 bytes");
      // A valid send afterwards is the first thing the peer sees.
      channel.send(message().delivery(), context).toCompletableFuture()
          .get(30, TimeUnit.SECONDS);
    }
    peer.awaitReceived(before + 1, Duration.ofSeconds(10));
    assertThat(peer.receivedCount()).isEqualTo(before + 1);
  }

  // Header values that would be mangled or refused on the wire are refused by validate.

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
