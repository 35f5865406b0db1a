package dev.notify.email;

import static java.util.Objects.requireNonNull;

import java.util.Base64;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * A file attached to an email: its bytes, carried with the notification as Base64 text so that
 * the options stay a plain value (stored in the log, compared for idempotency), or a reference
 * that the channel's {@link AttachmentResolver} turns into bytes at send (a key in object
 * storage: the notification carries the reference, not the file). With a content id it is an
 * inline part of the HTML ({@code <img src="cid:logo">}) instead of an attachment.
 *
 * <pre>{@code
 * EmailAttachment.of("invoice.pdf", "application/pdf", pdfBytes);
 * EmailAttachment.reference("report.csv", "text/csv", "s3://reports/2026/11.csv");
 * EmailAttachment.of("logo.png", "image/png", png).inline("logo");
 * }</pre>
 *
 * @param fileName the file name the recipient sees, e.g. {@code invoice-42.pdf}
 * @param contentType the MIME type, e.g. {@code application/pdf}
 * @param contentBase64 the file's bytes in standard Base64, or {@code null} for a reference
 * @param reference what the {@link AttachmentResolver} resolves, or {@code null} for bytes
 * @param contentId the content id for an inline part, or {@code null} for an attachment
 */
public record EmailAttachment(String fileName, String contentType,
    @Nullable String contentBase64, @Nullable String reference, @Nullable String contentId) {

  /**
   * Rejects nulls, blank parts, both or neither of content and reference, and text that is not
   * Base64. The channel's {@code validate} checks the rest (CR or LF, the MIME type's syntax,
   * the content id's characters, sizes).
   *
   * @param fileName the file name the recipient sees
   * @param contentType the MIME type
   * @param contentBase64 the file's bytes in standard Base64, or {@code null} for a reference
   * @param reference what the {@link AttachmentResolver} resolves, or {@code null} for bytes
   * @param contentId the content id for an inline part, or {@code null} for an attachment
   */
  public EmailAttachment {
    requireNonNull(fileName, "fileName");
    requireNonNull(contentType, "contentType");
    if (fileName.isBlank()) {
      throw new IllegalArgumentException("fileName must not be blank");
    }
    if (contentType.isBlank()) {
      throw new IllegalArgumentException("contentType must not be blank");
    }
    if ((contentBase64 == null) == (reference == null)) {
      throw new IllegalArgumentException("an attachment has either content or a reference: "
          + fileName);
    }
    if (reference != null && reference.isBlank()) {
      throw new IllegalArgumentException("reference of " + fileName + " must not be blank");
    }
    if (contentId != null && contentId.isBlank()) {
      throw new IllegalArgumentException("contentId of " + fileName + " must not be blank");
    }
    if (contentBase64 != null) {
      try {
        Base64.getDecoder().decode(contentBase64);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("contentBase64 of " + fileName + " is not Base64: "
            + e.getMessage(), e);
      }
    }
  }

  /**
   * {@return an attachment of these bytes}
   *
   * @param fileName the file name the recipient sees
   * @param contentType the MIME type, e.g. {@code text/csv}
   * @param content the file's bytes; copied
   */
  public static EmailAttachment of(String fileName, String contentType, byte[] content) {
    requireNonNull(content, "content");
    return new EmailAttachment(fileName, contentType, Base64.getEncoder().encodeToString(content),
        null, null);
  }

  /**
   * {@return an attachment the channel's {@link AttachmentResolver} fetches at send}
   *
   * @param fileName the file name the recipient sees
   * @param contentType the MIME type
   * @param reference what the resolver understands, e.g. an object storage key
   */
  public static EmailAttachment reference(String fileName, String contentType, String reference) {
    return new EmailAttachment(fileName, contentType, null, requireNonNull(reference,
        "reference"), null);
  }

  /**
   * {@return this file as an inline part of the HTML, which refers to it as {@code cid:<id>}}
   *
   * @param contentId the id, e.g. {@code logo} or {@code logo@example.com}
   */
  public EmailAttachment inline(String contentId) {
    return new EmailAttachment(fileName, contentType, contentBase64, reference,
        requireNonNull(contentId, "contentId"));
  }

  /**
   * {@return a fresh copy of the file's bytes}
   *
   * @throws IllegalStateException for a reference, which only the resolver can read
   */
  public byte[] content() {
    if (contentBase64 == null) {
      throw new IllegalStateException(fileName + " is a reference; the channel's"
          + " AttachmentResolver reads it");
    }
    return Base64.getDecoder().decode(contentBase64);
  }

  /** {@return the file's size in bytes, from the Base64 text; empty for a reference} */
  public OptionalLong size() {
    if (contentBase64 == null) {
      return OptionalLong.empty();
    }
    int n = contentBase64.length();
    int padding = contentBase64.endsWith("==") ? 2 : contentBase64.endsWith("=") ? 1 : 0;
    return OptionalLong.of(n / 4L * 3 - padding);
  }

  /** Shows the name, type, size and content id; not the content or the reference. */
  @Override
  public String toString() {
    return "EmailAttachment[" + fileName + ", " + contentType + ", "
        + (contentBase64 == null ? "by reference" : size().getAsLong() + " bytes")
        + (contentId == null ? "" : ", inline " + contentId) + "]";
  }
}
