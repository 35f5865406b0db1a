package dev.notify.email;

import static dev.notify.email.Messages.delivery;
import static dev.notify.email.Messages.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMailUtil;
import dev.notify.Content;
import dev.notify.spi.DeliveryResult;
import dev.notify.spi.OutboundMessage;
import dev.notify.testkit.ManualChannelContext;
import dev.notify.testkit.ProviderPeerExtension;
import dev.notify.testkit.smtp.GreenMailSmtpPeer;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What GreenMail receives, parsed on the server side: parts, encodings, headers. */
class MimeStructureTest {
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

  private MimeMessage sendAndReceive(EmailChannel.Builder builder, String id, OutboundMessage m)
      throws Exception {
    channel = builder.build();
    channel.validate(m);
    assertThat(channel.sendBlocking(delivery(id, m), context))
        .isEqualTo(DeliveryResult.sent(channel.messageId(id)));
    return greenMail.peer().awaitMessages(1, PeerChannels.WAIT).get(0);
  }

  @Test
  void textAndHtmlAreMultipartAlternativeInUtf8() throws Exception {
    MimeMessage m = sendAndReceive(PeerChannels.smtp(greenMail.peer()).replyTo("help@example.com", "Help Désk"),
        "order-7/0", message("ada@example.com", "Grüße zum Geburtstag 🎉", "Hallo Äda",
            "<p>Hallo <b>Äda</b></p>"));

    assertThat(m.getSubject()).isEqualTo("Grüße zum Geburtstag 🎉");
    assertThat(m.getHeader("Subject")[0]).startsWith("=?UTF-8?");
    assertThat(m.getHeader("Message-ID")).containsExactly("<order-7/0@example.com>");
    InternetAddress from = (InternetAddress) m.getFrom()[0];
    assertThat(from.getAddress()).isEqualTo(PeerChannels.FROM);
    assertThat(from.getPersonal()).isEqualTo("Notify");
    InternetAddress replyTo = (InternetAddress) m.getReplyTo()[0];
    assertThat(replyTo.getPersonal()).isEqualTo("Help Désk");
    assertThat(m.getRecipients(Message.RecipientType.TO)).extracting(Object::toString)
        .containsExactly("ada@example.com");
    assertThat(m.getSentDate()).isNotNull();

    assertThat(m.getContentType()).startsWith("multipart/alternative");
    MimeMultipart alternative = (MimeMultipart) m.getContent();
    assertThat(alternative.getCount()).isEqualTo(2);
    BodyPart text = alternative.getBodyPart(0);
    BodyPart html = alternative.getBodyPart(1);
    assertThat(text.getContentType()).startsWith("text/plain").containsIgnoringCase("UTF-8");
    assertThat(text.getContent()).isEqualTo("Hallo Äda");
    assertThat(html.getContentType()).startsWith("text/html").containsIgnoringCase("UTF-8");
    assertThat(html.getContent()).isEqualTo("<p>Hallo <b>Äda</b></p>");
  }

  @Test
  void htmlAloneGetsAGeneratedTextPart() throws Exception {
    MimeMessage m = sendAndReceive(PeerChannels.smtp(greenMail.peer()), "n-2/0", message("ada@example.com", "Shipped",
        null, "<html><head><style>p{color:red}</style></head><body><h1>Shipped</h1>"
            + "<p>Track it <a href=\"https://example.com/t/42\">here</a> &amp; smile.</p>"
            + "</body></html>"));

    MimeMultipart alternative = (MimeMultipart) m.getContent();
    String text = ((String) alternative.getBodyPart(0).getContent()).replace("\r\n", "\n");
    assertThat(alternative.getBodyPart(0).getContentType()).startsWith("text/plain");
    assertThat(text).isEqualTo("Shipped\nTrack it here (https://example.com/t/42) & smile.\n");
    assertThat(alternative.getBodyPart(1).getContentType()).startsWith("text/html");
  }

  @Test
  void textAloneIsASingleTextPart() throws Exception {
    MimeMessage m = sendAndReceive(PeerChannels.smtp(greenMail.peer()), "n-3/0",
        message("ada@example.com", "Plain", "Just text", null));
    assertThat(m.getContentType()).startsWith("text/plain");
    assertThat(m.getContent()).isEqualTo("Just text");
  }

  @Test
  void attachmentsAndCustomHeadersArriveIntact() throws Exception {
    byte[] pdf = new byte[3000];
    for (int i = 0; i < pdf.length; i++) {
      pdf[i] = (byte) (i * 31);
    }
    EmailOptions options = EmailOptions.builder()
        .header("X-Campaign", "invoices-2026")
        .header("X-Note", "Überweisung")
        .replyTo("billing@example.com")
        .attachment(EmailAttachment.of("Rechnung-42.pdf", "application/pdf", pdf))
        .attachment(EmailAttachment.of("notes.csv", "text/csv",
            "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8)))
        .build();
    MimeMessage m = sendAndReceive(PeerChannels.smtp(greenMail.peer()), "n-4/0", message("ada@example.com",
        new Content(null, null, Map.of(), "Invoice", "See attached", "<p>See attached</p>"),
        options));

    assertThat(m.getHeader("X-Campaign")).containsExactly("invoices-2026");
    assertThat(jakarta.mail.internet.MimeUtility.decodeText(m.getHeader("X-Note")[0]))
        .isEqualTo("Überweisung");
    assertThat(m.getReplyTo()).extracting(Object::toString).containsExactly("billing@example.com");
    assertThat(m.getContentType()).startsWith("multipart/mixed");
    MimeMultipart mixed = (MimeMultipart) m.getContent();
    assertThat(mixed.getCount()).isEqualTo(3);
    assertThat(mixed.getBodyPart(0).getContentType()).startsWith("multipart/alternative");
    BodyPart first = mixed.getBodyPart(1);
    assertThat(first.getDisposition()).isEqualTo(Part.ATTACHMENT);
    assertThat(first.getFileName()).isEqualTo("Rechnung-42.pdf");
    assertThat(first.getContentType()).startsWith("application/pdf");
    assertThat(first.getHeader("Content-Transfer-Encoding")).containsExactly("base64");
    assertThat(bytes(first)).isEqualTo(pdf);
    assertThat(new String(bytes(mixed.getBodyPart(2)), StandardCharsets.UTF_8))
        .isEqualTo("a,b\n1,2\n");
  }

  @Test
  void smtpsDeliversOverTls() throws Exception {
    MimeMessage m = sendAndReceive(PeerChannels.smtps(greenMail.peer()), "n-5/0",
        message("ada@example.com", "Over TLS", "Encrypted on the way", null));
    assertThat(m.getSubject()).isEqualTo("Over TLS");
    assertThat(GreenMailUtil.getBody(m)).isEqualTo("Encrypted on the way");
  }

  @Test
  void aRetriedDeliveryCarriesTheSameMessageId() throws Exception {
    channel = PeerChannels.smtp(greenMail.peer()).build();
    OutboundMessage m = message("ada@example.com", "Twice", "Same id", null);
    channel.sendBlocking(new dev.notify.spi.Delivery("n-6/0", 1, m), context);
    channel.sendBlocking(new dev.notify.spi.Delivery("n-6/0", 2, m), context);
    assertThat(greenMail.peer().awaitMessages(2, PeerChannels.WAIT)).extracting(r -> r.getHeader("Message-ID")[0])
        .containsExactly("<n-6/0@example.com>", "<n-6/0@example.com>");
  }

  private static byte[] bytes(BodyPart part) throws Exception {
    try (InputStream in = part.getInputStream(); ByteArrayOutputStream out =
        new ByteArrayOutputStream()) {
      in.transferTo(out);
      return out.toByteArray();
    }
  }
}
