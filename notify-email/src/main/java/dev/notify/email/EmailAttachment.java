package dev.notify.email;

import static java.util.Objects.requireNonNull;

import java.util.Base64;

/**
 * A file attached to an email, carried with the notification as Base64 text so that the options
 * stay a plain value (stored in the log, compared for idempotency). Build one with
 * {@link #of(String, String, byte[])}.
 *
 * @param fileName the file name the recipient sees, e.g. {@code invoice-42.pdf}
 * @param contentType the MIME type, e.g. {@code application/pdf}
 * @param contentBase64 the file's bytes in standard Base64
 */
public record EmailAttachment(String fileName, String contentType, String contentBase64) {

  /**
   * Rejects nulls, blank names and types, and text that is not Base64. The channel's
   * {@code validate} checks the rest (CR or LF, the MIME type's syntax, sizes).
   *
   * @param fileName the file name the recipient sees
   * @param contentType the MIME type
   * @param contentBase64 the file's bytes in standard Base64
   */
  public EmailAttachment {
    requireNonNull(fileName, "fileName");
    requireNonNull(contentType, "contentType");
    requireNonNull(contentBase64, "contentBase64");
    if (fileName.isBlank()) {
      throw new IllegalArgumentException("fileName must not be blank");
    }
    if (contentType.isBlank()) {
      throw new IllegalArgumentException("contentType must not be blank");
    }
    try {
      Base64.getDecoder().decode(contentBase64);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("contentBase64 of " + fileName + " is not Base64: "
          + e.getMessage(), e);
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
    return new EmailAttachment(fileName, contentType, Base64.getEncoder().encodeToString(content));
  }

  /** {@return a fresh copy of the file's bytes} */
  public byte[] content() {
    return Base64.getDecoder().decode(contentBase64);
  }

  /** {@return the file's size in bytes, from the Base64 text} */
  public long size() {
    int n = contentBase64.length();
    int padding = n == 0 ? 0 : contentBase64.endsWith("==") ? 2 : contentBase64.endsWith("=") ? 1
        : 0;
    return n / 4L * 3 - padding;
  }

  /** Shows the name, type and size, not the content. */
  @Override
  public String toString() {
    return "EmailAttachment[" + fileName + ", " + contentType + ", " + size() + " bytes]";
  }
}
