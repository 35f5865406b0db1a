package dev.notify.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.Notification;
import dev.notify.Recipient;
import dev.notify.spi.codec.NotificationCodec;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Email options survive a durable log: encoded, decoded, equal, and discovered. */
class EmailOptionsCodecTest {
  private final EmailOptions options = EmailOptions.builder()
      .header("X-Campaign", "spring").header("X-Note", "Grüße")
      .replyTo("billing@example.com")
      .attachment(EmailAttachment.of("a.csv", "text/csv", "a,b\n".getBytes(StandardCharsets.UTF_8)))
      .attachment(EmailAttachment.reference("r.pdf", "application/pdf", "s3://bucket/r.pdf"))
      .attachment(EmailAttachment.of("logo.png", "image/png", new byte[] {1, 2}).inline("logo"))
      .build();

  @Test
  void roundTripsThroughItsCodec() {
    assertThat(EmailOptions.codec().typeId()).isEqualTo("email");
    assertThat(EmailOptions.codec().decode(EmailOptions.codec().encode(options)))
        .isEqualTo(options);
  }

  @Test
  void isDiscoveredByTheNotificationCodec() {
    Notification n = Notification.builder().id("n-1").to(Recipient.email("ada@example.com"))
        .subject("Hi").text("Hello").options(options).build();
    NotificationCodec codec = NotificationCodec.discovered();
    Notification back = codec.fromJson(codec.toJson(n));
    assertThat(back.options().get(EmailOptions.class)).isEqualTo(options);
  }

  @Test
  void attachmentsKeepTheirBytesAndPrintNoContent() {
    EmailAttachment a = EmailAttachment.of("x.bin", "application/octet-stream",
        new byte[] {0, 1, 2, (byte) 255});
    assertThat(a.content()).containsExactly(0, 1, 2, 255);
    assertThat(a.size()).hasValue(4);
    assertThat(a.toString()).contains("4 bytes").doesNotContain(a.contentBase64());
    assertThatThrownBy(() -> new EmailAttachment("x", "text/plain", "not base64!", null, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Base64");
  }

  @Test
  void toStringMasksAddressesAndHidesHeaderValues() {
    assertThat(options.toString()).doesNotContain("billing@example.com").doesNotContain("spring")
        .contains("X-Campaign");
  }

  @Test
  void headersGivenTwiceInAnotherCaseAreRefused() {
    assertThatThrownBy(() -> EmailOptions.builder().header("X-A", "1").header("x-a", "2").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
  }
}
