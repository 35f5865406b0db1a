package dev.notify.email.internal;

import dev.notify.email.AttachmentResolver;
import dev.notify.email.EmailAttachment;
import dev.notify.spi.DeliveryResult;
import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The MIME parts of attachments and inline files, references resolved first. */
final class AttachmentParts {
  private AttachmentParts() {
  }

  /**
   * {@return the file's bytes: its own, or what the resolver reads for its reference}
   *
   * @throws Unresolved with the delivery's result when the reference cannot be read
   */
  static byte[] bytes(EmailAttachment a, int index, @Nullable AttachmentResolver resolver)
      throws Unresolved {
    if (a.reference() == null) {
      return a.content();
    }
    if (resolver == null) {
      throw new Unresolved(DeliveryResult.permanent("attachment " + index
          + " is a reference but the channel has no AttachmentResolver"));
    }
    Optional<byte[]> bytes;
    try {
      bytes = resolver.resolve(a.reference());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unresolved(DeliveryResult.retryable("interrupted while resolving attachment "
          + index));
    } catch (Exception e) {
      throw new Unresolved(DeliveryResult.retryable("attachment " + index
          + " could not be resolved now: " + e));
    }
    if (bytes == null || bytes.isEmpty()) {
      throw new Unresolved(DeliveryResult.permanent("attachment " + index + " (" + a.fileName()
          + ") names nothing the AttachmentResolver knows"));
    }
    return bytes.get();
  }

  /** {@return the part: an attachment, or an inline part with its Content-ID} */
  static MimeBodyPart part(EmailAttachment a, byte[] bytes) throws MessagingException {
    MimeBodyPart part = new MimeBodyPart();
    part.setDataHandler(new DataHandler(new ByteArrayDataSource(bytes, a.contentType())));
    try {
      part.setFileName(MimeUtility.encodeText(a.fileName(), StandardCharsets.UTF_8.name(), null));
    } catch (UnsupportedEncodingException e) {
      throw new IllegalStateException("UTF-8 is always supported", e);
    }
    if (a.contentId() != null) {
      part.setDisposition(Part.INLINE);
      part.setContentID("<" + a.contentId() + ">");
    } else {
      part.setDisposition(Part.ATTACHMENT);
    }
    part.setHeader("Content-Transfer-Encoding", "base64");
    return part;
  }

  /** An attachment whose bytes could not be had; carries the delivery's result. */
  static final class Unresolved extends Exception {
    private final transient DeliveryResult result;

    Unresolved(DeliveryResult result) {
      super(result.toString(), null, false, false);
      this.result = result;
    }

    DeliveryResult result() {
      return result;
    }
  }
}
