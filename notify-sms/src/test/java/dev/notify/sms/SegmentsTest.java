package dev.notify.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.InvalidNotificationException;
import dev.notify.sms.SmsSegments.Encoding;
import dev.notify.spi.DeliveryResult;
import dev.notify.testkit.ManualChannelContext;
import dev.notify.testkit.ProviderPeerExtension;
import dev.notify.testkit.twilio.TwilioPeer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** GSM-7 and UCS-2 detection, segment counts, and the limit on segments. */
class SegmentsTest {
  @RegisterExtension
  final ProviderPeerExtension<TwilioPeer> peers = ProviderPeerExtension.of(TwilioPeer::start);

  @Test
  void plainTextIsGsm7WithOneSeptetACharacter() {
    assertThat(SmsSegments.of("Your code is 1234")).isEqualTo(
        new SmsSegments(Encoding.GSM_7, 17, 1));
    assertThat(SmsSegments.of("x".repeat(160)).segments()).isEqualTo(1);
    assertThat(SmsSegments.of("x".repeat(161)).segments()).isEqualTo(2);
    assertThat(SmsSegments.of("x".repeat(306)).segments()).isEqualTo(2);
    assertThat(SmsSegments.of("x".repeat(307)).segments()).isEqualTo(3);
    assertThat(SmsSegments.of("Ça coûte 5 £, Ünïcode? no: ÄÖÑÜ§¿äöñüà").encoding())
        .as("û and ï are not GSM-7 (é and ü are)").isEqualTo(Encoding.UCS_2);
    assertThat(SmsSegments.of("Zoé's café: 5 £ or 6 ¥, ÄÖÑÜ äöñüà §¿¡").encoding())
        .isEqualTo(Encoding.GSM_7);
  }

  @Test
  void extensionCharactersCountTwo() {
    assertThat(SmsSegments.of("€")).isEqualTo(new SmsSegments(Encoding.GSM_7, 2, 1));
    assertThat(SmsSegments.of("{}[]~|^\\")).isEqualTo(new SmsSegments(Encoding.GSM_7, 16, 1));
    assertThat(SmsSegments.of("€".repeat(80)).segments()).isEqualTo(1);
    assertThat(SmsSegments.of("€".repeat(81))).isEqualTo(new SmsSegments(Encoding.GSM_7, 162, 2));
    // 152 septets, then an escape pair that does not fit the first segment's 153
    assertThat(SmsSegments.of("x".repeat(152) + "€" + "x".repeat(152)).segments())
        .isEqualTo(3);
  }

  @Test
  void koreanIsUcs2With70ToASegment() {
    String korean = "주문하신 상품이 발송되었습니다";
    assertThat(SmsSegments.of(korean)).isEqualTo(
        new SmsSegments(Encoding.UCS_2, korean.length(), 1));
    assertThat(SmsSegments.of("가".repeat(70)).segments()).isEqualTo(1);
    assertThat(SmsSegments.of("가".repeat(71)).segments()).isEqualTo(2);
    assertThat(SmsSegments.of("가".repeat(134)).segments()).isEqualTo(2);
    assertThat(SmsSegments.of("가".repeat(135)).segments()).isEqualTo(3);
  }

  @Test
  void anEmojiIsASurrogatePairAndCountsTwoUnits() {
    assertThat(SmsSegments.of("Hi 👋")).isEqualTo(new SmsSegments(Encoding.UCS_2, 5, 1));
    assertThat(SmsSegments.of("👋".repeat(35)).segments()).isEqualTo(1);
    assertThat(SmsSegments.of("👋".repeat(36))).isEqualTo(new SmsSegments(Encoding.UCS_2, 72, 2));
    // 66 units, then a pair that would straddle the 67-unit boundary
    assertThat(SmsSegments.of("a".repeat(65) + "가" + "👋" + "a".repeat(66)).segments())
        .isEqualTo(3);
  }

  @Test
  void aBodyOverTheSegmentLimitIsRefusedAtValidateAndAtSend(TwilioPeer peer) {
    try (SmsChannel channel = PeerChannels.to(peer).maxSegments(2).build();
        ManualChannelContext ctx = ManualChannelContext.create()) {
      channel.validate(AcceptedSendTest.message("+14155552671", "가".repeat(134), null, null));
      assertThatThrownBy(() -> channel.validate(AcceptedSendTest.message("+14155552671",
          "가".repeat(135), null, null)))
          .isInstanceOfSatisfying(InvalidNotificationException.class, e -> {
            assertThat(e.field()).isEqualTo("content.body");
            assertThat(e.rule()).contains("2 SMS segments").contains("needs 3").contains("UCS_2");
          });
      assertThat(AcceptedSendTest.send(channel, AcceptedSendTest.message("+14155552671",
          "가".repeat(135), null, null), ctx)).isInstanceOf(DeliveryResult.Permanent.class);
      assertThat(peer.receivedCount()).isZero();
    }
  }

  @Test
  void aMissingBodyAnUnpairedSurrogateAndTheTextNullAreRefused(TwilioPeer peer) {
    try (SmsChannel channel = PeerChannels.to(peer).build()) {
      assertThatThrownBy(() -> channel.validate(AcceptedSendTest.message("+14155552671", " ",
          null, null))).hasMessageContaining("content.body");
      assertThatThrownBy(() -> channel.validate(AcceptedSendTest.message("+14155552671",
          "bad \uD83D half", null, null))).hasMessageContaining("unpaired surrogate");
      assertThatThrownBy(() -> channel.validate(AcceptedSendTest.message("+14155552671",
          "x".repeat(1601), null, null))).hasMessageContaining("1600");
      assertThatThrownBy(() -> channel.validate(AcceptedSendTest.message("+14155552671",
          "null", null, null))).as("twilio-java would drop it").hasMessageContaining("\"null\"");
    }
  }

  @Test
  void aKoreanMessageReachesTwilioIntact(TwilioPeer peer) {
    try (SmsChannel channel = PeerChannels.to(peer).build();
        ManualChannelContext ctx = ManualChannelContext.create()) {
      String korean = "주문하신 상품이 발송되었습니다 📦";
      AcceptedSendTest.send(channel, AcceptedSendTest.message("+821012345678", korean, null,
          null), ctx);
      assertThat(peer.awaitReceived(1, PeerChannels.WAIT).get(0).body()).isEqualTo(korean);
    }
  }
}
