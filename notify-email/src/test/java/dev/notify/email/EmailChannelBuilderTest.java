package dev.notify.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.ChannelType;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The builder refuses bad values at once, with the value in the message. */
class EmailChannelBuilderTest {

  @Test
  void serverAndFromAreRequired() {
    assertThatThrownBy(() -> EmailChannel.builder().from("n@example.com", null).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("server(host, port)");
    assertThatThrownBy(() -> EmailChannel.builder().server("smtp.example.com", 587).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("from(address, name)");
  }

  @Test
  void badValuesAreRefusedWithTheValue() {
    EmailChannel.Builder b = EmailChannel.builder();
    assertThatThrownBy(() -> b.server("smtp.example.com", 0)).hasMessageContaining(": 0");
    assertThatThrownBy(() -> b.connections(-3)).hasMessageContaining("-3");
    assertThatThrownBy(() -> b.readTimeout(Duration.ZERO)).hasMessageContaining("PT0S");
    assertThatThrownBy(() -> b.maxMessageBytes(10)).hasMessageContaining("10");
    assertThatThrownBy(() -> b.messageIdDomain("bad domain")).hasMessageContaining("bad domain");
    assertThatThrownBy(() -> b.from("not an address", null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toStringShowsTheServerButNoSecretOrAddress() {
    try (EmailChannel channel = EmailChannel.builder().name("mail-eu")
        .server("smtp.example.com", 465).security(SmtpSecurity.SMTPS)
        .login("account@example.com", "s3cret-pass").from("notify@example.com", "Shop")
        .build()) {
      assertThat(channel.name()).isEqualTo("mail-eu");
      assertThat(channel.type()).isEqualTo(ChannelType.EMAIL);
      assertThat(channel.toString()).contains("smtp.example.com:465").contains("SMTPS")
          .doesNotContain("s3cret").doesNotContain("account@").doesNotContain("notify@");
      assertThat(channel.messageId("order 1.2/0")).isEqualTo("<order=201=2E2/0@example.com>");
    }
  }
}
