package dev.notify.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.Notification;
import dev.notify.Recipient;
import dev.notify.spi.Channel;
import dev.notify.spi.ChannelProvider;
import dev.notify.spi.codec.NotificationCodec;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** SMS options survive a durable log; the ServiceLoader provider builds channels from properties. */
class OptionsAndProviderTest {
  static final String SID = "AC" + "0123456789abcdef".repeat(2);

  private final SmsOptions options = SmsOptions.builder().validityPeriod(Duration.ofMinutes(5))
      .statusCallback("https://hooks.example.com/cb?u=ada@example.com").build();

  @Test
  void optionsRoundTripThroughTheDiscoveredCodec() {
    assertThat(SmsOptions.codec().typeId()).isEqualTo("sms");
    Notification n = Notification.builder().id("n-1").to(Recipient.phone("+14155552671"))
        .body("Hi").options(options).build();
    NotificationCodec codec = NotificationCodec.discovered();
    assertThat(codec.fromJson(codec.toJson(n)).options().get(SmsOptions.class))
        .isEqualTo(options);
    assertThat(options.toString()).doesNotContain("ada@example.com");
  }

  @Test
  void aValidityPeriodOutsideTwiliosRangeIsRefused() {
    assertThatThrownBy(() -> SmsOptions.builder().validityPeriod(Duration.ofHours(11)).build())
        .hasMessageContaining("36000");
    assertThatThrownBy(() -> SmsOptions.builder().validityPeriod(Duration.ZERO).build())
        .hasMessageContaining("validityPeriod");
  }

  @Test
  void theTwilioProviderIsDiscoveredAndBuildsAChannel() {
    ChannelProvider provider = ServiceLoader.load(ChannelProvider.class).stream()
        .map(ServiceLoader.Provider::get).filter(p -> p.id().equals("twilio")).findFirst()
        .orElseThrow();
    Map<String, String> props = new HashMap<>(Map.of("provider", "twilio", "accountSid", SID,
        "authToken", "secret-token", "from", "+14155550100", "defaultRegion", "US",
        "allowCountries", "US, CA", "readTimeout", "PT5S", "maxSegments", "4"));
    Channel channel = provider.create("sms-us", props);
    try {
      assertThat(channel.name()).isEqualTo("sms-us");
      assertThat(channel.toString()).doesNotContain("secret-token").contains("[CA, US]");
    } finally {
      channel.close();
    }
    props.put("fromm", "+14155550100");
    assertThatThrownBy(() -> provider.create("sms-us", props)).hasMessageContaining("fromm");
    props.remove("fromm");
    props.put("alphanumericSender", "Shop");
    assertThatThrownBy(() -> provider.create("sms-us", props)).hasMessageContaining("exactly one");
    props.remove("alphanumericSender");
    props.remove("authToken");
    assertThatThrownBy(() -> provider.create("sms-us", props)).hasMessageContaining("authToken");
  }
}
