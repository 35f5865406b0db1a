package dev.notify.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.InvalidNotificationException;
import dev.notify.policy.RateLimit;
import dev.notify.spi.DeliveryResult;
import dev.notify.testkit.ManualChannelContext;
import dev.notify.testkit.ProviderPeerExtension;
import dev.notify.testkit.twilio.TwilioPeer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** E.164 parsing, the country allow-list and the SMS pumping limits. */
class NumbersAndLimitsTest {
  @RegisterExtension
  final ProviderPeerExtension<TwilioPeer> peers = ProviderPeerExtension.of(TwilioPeer::start);

  @Test
  void aNumberWithoutCountryCodeNeedsADefaultRegion(TwilioPeer peer) {
    try (SmsChannel plain = PeerChannels.to(peer).build();
        SmsChannel british = PeerChannels.to(peer).defaultRegion("gb").build();
        ManualChannelContext ctx = ManualChannelContext.create()) {
      assertThatThrownBy(() -> plain.validate(
          AcceptedSendTest.message("020 7946 0018", "Hi", null, null)))
          .isInstanceOfSatisfying(InvalidNotificationException.class, e -> {
            assertThat(e.getMessage()).contains("address").contains("country code")
                .contains("no default region").doesNotContain("7946 0018");
          });
      british.validate(AcceptedSendTest.message("020 7946 0018", "Hi", null, null));
      AcceptedSendTest.send(british, AcceptedSendTest.message("020 7946 0018", "Hi", null, null),
          ctx);
      assertThat(peer.awaitReceived(1, PeerChannels.WAIT).get(0).address())
          .isEqualTo("+442079460018");
    }
  }

  @Test
  void aNumberWithCountryCodeIgnoresTheDefaultRegion(TwilioPeer peer) {
    try (SmsChannel british = PeerChannels.to(peer).defaultRegion("GB").build();
        ManualChannelContext ctx = ManualChannelContext.create()) {
      AcceptedSendTest.send(british, AcceptedSendTest.message("+82 10-1234-5678", "안녕", null,
          null), ctx);
      assertThat(peer.awaitReceived(1, PeerChannels.WAIT).get(0).address())
          .isEqualTo("+821012345678");
    }
  }

  @Test
  void invalidNumbersAreRefusedAtValidateNamingTheAddress(TwilioPeer peer) {
    try (SmsChannel channel = PeerChannels.to(peer).defaultRegion("US").build()) {
      for (String bad : new String[] {"not a number", "+1 415", "+999 1234567",
          "+1415555267199999", "+44 7700 900123", "1".repeat(80)}) {
        assertThatThrownBy(() -> channel.validate(AcceptedSendTest.message(bad, "Hi", null,
            null))).as(bad).isInstanceOfSatisfying(InvalidNotificationException.class,
                e -> assertThat(e.field()).isEqualTo("address"));
      }
    }
  }

  @Test
  void aCountryOutsideTheAllowListIsRefused(TwilioPeer peer) {
    try (SmsChannel channel = PeerChannels.to(peer).allowCountries("US", "KR").build()) {
      channel.validate(AcceptedSendTest.message("+821012345678", "Hi", null, null));
      assertThatThrownBy(() -> channel.validate(AcceptedSendTest.message("+2348031234567", "Hi",
          null, null))).isInstanceOfSatisfying(InvalidNotificationException.class, e -> {
            assertThat(e.field()).isEqualTo("address");
            assertThat(e.getMessage()).contains("country NG").contains("allow-list");
          });
    }
  }

  @Test
  void aCountryLimitRefusesTheMessagesPastItUntilItRefills(TwilioPeer peer) {
    try (SmsChannel channel = PeerChannels.to(peer)
        .countryLimit("FR", RateLimit.of(2, Duration.ofMinutes(1))).build();
        ManualChannelContext ctx = ManualChannelContext.create()) {
      assertThat(send(channel, "+33612000001", ctx)).isInstanceOf(DeliveryResult.Sent.class);
      assertThat(send(channel, "+33612000002", ctx)).isInstanceOf(DeliveryResult.Sent.class);
      assertThat(send(channel, "+33612000003", ctx))
          .isInstanceOfSatisfying(DeliveryResult.Permanent.class,
              p -> assertThat(p.reason()).contains("pumping").contains("country FR"));
      assertThat(send(channel, "+14155552671", ctx)).as("another country")
          .isInstanceOf(DeliveryResult.Sent.class);
      ctx.time().advance(Duration.ofSeconds(31));
      assertThat(send(channel, "+33612000004", ctx)).isInstanceOf(DeliveryResult.Sent.class);
      assertThat(peer.receivedCount()).isEqualTo(4);
    }
  }

  @Test
  void aNumberRangeLimitStopsSequentialNumbersOfOneRange(TwilioPeer peer) {
    try (SmsChannel channel = PeerChannels.to(peer)
        .numberRangeLimit(8, RateLimit.of(3, Duration.ofHours(1))).build();
        ManualChannelContext ctx = ManualChannelContext.create()) {
      for (int i = 0; i < 3; i++) {
        assertThat(send(channel, "+3361200000" + i, ctx)).isInstanceOf(DeliveryResult.Sent.class);
      }
      assertThat(send(channel, "+33612000009", ctx))
          .isInstanceOfSatisfying(DeliveryResult.Permanent.class,
              p -> assertThat(p.reason()).contains("number range").doesNotContain("33612000009"));
      assertThat(send(channel, "+33698000001", ctx)).as("another range")
          .isInstanceOf(DeliveryResult.Sent.class);
    }
  }

  @Test
  void aPrefixLimitCountsThePrefixAsAWhole(TwilioPeer peer) {
    try (SmsChannel channel = PeerChannels.to(peer)
        .prefixLimit("+336", RateLimit.of(1, Duration.ofHours(1))).build();
        ManualChannelContext ctx = ManualChannelContext.create()) {
      assertThat(send(channel, "+33612000001", ctx)).isInstanceOf(DeliveryResult.Sent.class);
      assertThat(send(channel, "+33698000001", ctx))
          .isInstanceOfSatisfying(DeliveryResult.Permanent.class,
              p -> assertThat(p.reason()).contains("prefix +336"));
    }
  }

  @Test
  void badBuilderSettingsAreRefusedAtOnce() {
    assertThatThrownBy(() -> SmsChannel.builder().defaultRegion("XX"))
        .hasMessageContaining("'XX'");
    assertThatThrownBy(() -> SmsChannel.builder().prefixLimit("336", RateLimit.perSecond(1)))
        .hasMessageContaining("'336'");
    assertThatThrownBy(() -> SmsChannel.builder().account("AC1", "t"))
        .hasMessageContaining("accountSid");
    assertThatThrownBy(() -> SmsChannel.builder().from("+1 415"))
        .hasMessageContaining("from");
    assertThatThrownBy(() -> SmsChannel.builder().alphanumericSender("TwelveLetter"))
        .hasMessageContaining("1 to 11");
    assertThatThrownBy(() -> SmsChannel.builder().statusCallback("ftp://x"))
        .hasMessageContaining("http");
    assertThatThrownBy(() -> SmsChannel.builder().maxSegments(11)).hasMessageContaining("11");
    assertThatThrownBy(() -> SmsChannel.builder().from("+14155550100").build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("credentials");
    assertThatThrownBy(() -> SmsChannel.builder()
        .account("AC" + "0".repeat(32), "t").build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("sender");
  }

  private static DeliveryResult send(SmsChannel channel, String to, ManualChannelContext ctx) {
    return AcceptedSendTest.send(channel, AcceptedSendTest.message(to, "Your code is 1", null,
        null), ctx);
  }
}
