package dev.notify.email;

import static dev.notify.email.Messages.delivery;
import static dev.notify.email.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.Content;
import dev.notify.InvalidNotificationException;
import dev.notify.spi.DeliveryResult;
import dev.notify.spi.OutboundMessage;
import dev.notify.testkit.ManualChannelContext;
import dev.notify.testkit.ProviderPeerExtension;
import dev.notify.testkit.smtp.GreenMailSmtpPeer;
import jakarta.mail.BodyPart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Attachments by reference through an AttachmentResolver, and inline images by content id. */
class AttachmentsTest {
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 1, 2};

  @RegisterExtension
  final ProviderPeerExtension<GreenMailSmtpPeer> greenMail =
      ProviderPeerExtension.of(GreenMailSmtpPeer::start);

  private final ManualChannelContext context = ManualChannelContext.create();
  private final Map<String, byte[]> storage = new ConcurrentHashMap<>();
  private EmailChannel channel;

  @AfterEach
  void close() {
    if (channel != null) {
      channel.close();
    }
    context.close();
  }

  private static OutboundMessage withAttachments(String html, EmailAttachment... attachments) {
    EmailOptions.Builder options = EmailOptions.builder();
    for (EmailAttachment a : attachments) {
      options.attachment(a);
    }
    return message("ada@example.com", new Content(null, null, Map.of(), "Report", null, html),
        options.build());
  }

  private EmailChannel withResolver() {
    return PeerChannels.smtp(greenMail.peer()).attachmentResolver(key -> {
      if (key.startsWith("down/")) {
        throw new IOException("storage unavailable");
      }
      return Optional.ofNullable(storage.get(key));
    }).build();
  }

  @Test
  void aReferenceIsResolvedAtSendAndAttached() throws Exception {
    storage.put("reports/11.csv", "month,total\n11,42\n".getBytes(StandardCharsets.UTF_8));
    channel = withResolver();
    OutboundMessage m = withAttachments("<p>Report</p>",
        EmailAttachment.reference("november.csv", "text/csv", "reports/11.csv"));
    channel.validate(m);
    assertThat(channel.sendBlocking(delivery("n-1/0", m), context))
        .isInstanceOf(DeliveryResult.Sent.class);

    MimeMultipart mixed = (MimeMultipart) greenMail.peer().awaitMessages(1, PeerChannels.WAIT).get(0).getContent();
    BodyPart attached = mixed.getBodyPart(1);
    assertThat(attached.getFileName()).isEqualTo("november.csv");
    assertThat(text(attached)).isEqualTo("month,total\n11,42\n");
  }

  @Test
  void aMissingReferenceIsPermanentAndAnUnreadableStoreRetryable() throws Exception {
    channel = withResolver();
    assertThat(channel.sendBlocking(delivery("n-1/0", withAttachments("<p>x</p>",
        EmailAttachment.reference("a.csv", "text/csv", "nowhere"))), context))
        .isInstanceOf(DeliveryResult.Permanent.class);
    assertThat(channel.sendBlocking(delivery("n-2/0", withAttachments("<p>x</p>",
        EmailAttachment.reference("a.csv", "text/csv", "down/a.csv"))), context))
        .isInstanceOfSatisfying(DeliveryResult.Retryable.class,
            r -> assertThat(r.reason()).contains("storage unavailable"));
  }

  @Test
  void referencesWithoutAResolverAreRefusedAtValidate() {
    channel = PeerChannels.smtp(greenMail.peer()).build();
    assertThatThrownBy(() -> channel.validate(withAttachments("<p>x</p>",
        EmailAttachment.reference("a.csv", "text/csv", "reports/11.csv"))))
        .isInstanceOfSatisfying(InvalidNotificationException.class,
            e -> assertThat(e.field()).isEqualTo("options.attachments"));
  }

  @Test
  void inlineImagesSitBesideTheHtmlInMultipartRelated() throws Exception {
    channel = PeerChannels.smtp(greenMail.peer()).build();
    OutboundMessage m = withAttachments("<p><img src=\"cid:logo@example.com\"> Hello</p>",
        EmailAttachment.of("logo.png", "image/png", PNG).inline("logo@example.com"),
        EmailAttachment.of("terms.txt", "text/plain", "Terms".getBytes(StandardCharsets.UTF_8)));
    channel.validate(m);
    channel.sendBlocking(delivery("n-1/0", m), context);

    MimeMessage received = greenMail.peer().awaitMessages(1, PeerChannels.WAIT).get(0);
    MimeMultipart mixed = (MimeMultipart) received.getContent();
    assertThat(mixed.getContentType()).startsWith("multipart/mixed");
    MimeMultipart alternative = (MimeMultipart) mixed.getBodyPart(0).getContent();
    assertThat(alternative.getBodyPart(0).getContentType()).startsWith("text/plain");
    MimeMultipart related = (MimeMultipart) alternative.getBodyPart(1).getContent();
    assertThat(related.getContentType()).startsWith("multipart/related");
    assertThat(related.getBodyPart(0).getContentType()).startsWith("text/html");
    BodyPart logo = related.getBodyPart(1);
    assertThat(logo.getHeader("Content-ID")).containsExactly("<logo@example.com>");
    assertThat(logo.getDisposition()).isEqualTo(Part.INLINE);
    try (InputStream in = logo.getInputStream()) {
      assertThat(in.readAllBytes()).isEqualTo(PNG);
    }
    assertThat(mixed.getBodyPart(1).getFileName()).isEqualTo("terms.txt");
  }

  @Test
  void inlinePartsNeedHtmlAndAnAtomContentId() {
    channel = PeerChannels.smtp(greenMail.peer()).build();
    EmailOptions badId = EmailOptions.builder()
        .attachment(EmailAttachment.of("l.png", "image/png", PNG).inline("lo go")).build();
    assertThatThrownBy(() -> channel.validate(message("ada@example.com",
        new Content(null, null, Map.of(), "S", null, "<p>x</p>"), badId)))
        .hasMessageContaining("content id");
    EmailOptions inline = EmailOptions.builder()
        .attachment(EmailAttachment.of("l.png", "image/png", PNG).inline("logo")).build();
    assertThatThrownBy(() -> channel.validate(message("ada@example.com",
        new Content(null, null, Map.of(), "S", "text only", null), inline)))
        .hasMessageContaining("needs HTML");
  }

  private static String text(BodyPart part) throws Exception {
    try (InputStream in = part.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
    }
  }
}
