package dev.notify.email;

import static java.util.Objects.requireNonNull;

import dev.notify.ChannelOptions;
import dev.notify.spi.Redaction;
import dev.notify.spi.codec.ChannelOptionsCodec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Email-specific options of a notification; every part is optional. Subject, text and HTML come
 * from the notification's {@link dev.notify.Content}; these options add what only email knows.
 *
 * <pre>{@code
 * Notification n = Notification.builder()
 *     .to(Recipient.email("ada@example.com"))
 *     .subject("Your invoice").text("Attached.").html("<p>Attached.</p>")
 *     .options(EmailOptions.builder()
 *         .replyTo("billing@example.com")
 *         .header("X-Campaign", "invoices")
 *         .attachment(EmailAttachment.of("invoice.pdf", "application/pdf", pdfBytes))
 *         .build())
 *     .build();
 * }</pre>
 *
 * <p>The channel's {@code validate} checks these at {@code send}: header names and values, the
 * Reply-To addresses and attachment names without CR or LF (header injection), no header the
 * channel sets itself, and the message's size.
 *
 * @param headers extra header fields by name, sorted; never {@code null}
 * @param replyTo Reply-To addresses instead of the channel's default; never {@code null}, empty
 *     for the default
 * @param attachments files attached after the text and HTML parts; never {@code null}
 */
public record EmailOptions(Map<String, String> headers, List<String> replyTo,
    List<EmailAttachment> attachments) implements ChannelOptions {

  /**
   * Copies each part.
   *
   * @param headers extra header fields by name
   * @param replyTo Reply-To addresses instead of the channel's default
   * @param attachments files attached after the text and HTML parts
   * @throws NullPointerException if a part or an element is {@code null}
   */
  public EmailOptions {
    requireNonNull(headers, "headers");
    requireNonNull(replyTo, "replyTo");
    requireNonNull(attachments, "attachments");
    TreeMap<String, String> sorted = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, value) -> {
      requireNonNull(name, "header name");
      requireNonNull(value, () -> "value of header " + name);
      if (sorted.put(name, value) != null) {
        throw new IllegalArgumentException("header " + name + " is given twice");
      }
    });
    headers = Collections.unmodifiableMap(new TreeMap<>(sorted));
    replyTo = List.copyOf(replyTo);
    attachments = List.copyOf(attachments);
  }

  /**
   * {@return the codec that stores these options with a notification in a durable log, under the
   * type id {@code "email"}}: every component by its name, read back through the constructor.
   * {@link EmailOptionsCodecProvider} hands it to {@code NotificationCodec.discovered()}.
   */
  public static ChannelOptionsCodec<EmailOptions> codec() {
    return CodecHolder.CODEC;
  }

  /** {@return options with nothing set} */
  public static EmailOptions ofDefaults() {
    return builder().build();
  }

  /** {@return a builder with nothing set} */
  public static Builder builder() {
    return new Builder();
  }

  /** Shows header names, masked Reply-To addresses and attachments; never header values. */
  @Override
  public String toString() {
    return "EmailOptions[headers=" + headers.keySet() + ", replyTo="
        + replyTo.stream().map(Redaction::mask).toList() + ", attachments=" + attachments + "]";
  }

  /** Made on first use, so that a codec problem cannot break the options' own class. */
  private static final class CodecHolder {
    static final ChannelOptionsCodec<EmailOptions> CODEC =
        ChannelOptionsCodec.ofRecord(EmailOptions.class, "email");
  }

  /** Builds {@link EmailOptions}; every part defaults to empty. Not thread-safe. */
  public static final class Builder {
    private final Map<String, String> headers = new TreeMap<>();
    private final List<String> replyTo = new ArrayList<>();
    private final List<EmailAttachment> attachments = new ArrayList<>();

    private Builder() {
    }

    /**
     * Adds a header field.
     *
     * @param name the field name, e.g. {@code X-Campaign}; not one the channel sets itself
     * @param value its value, one line
     * @return this builder
     */
    public Builder header(String name, String value) {
      requireNonNull(name, "name");
      requireNonNull(value, "value");
      headers.put(name, value);
      return this;
    }

    /**
     * Adds a Reply-To address; any given replace the channel's default Reply-To.
     *
     * @param address a plain address, {@code billing@example.com}
     * @return this builder
     */
    public Builder replyTo(String address) {
      replyTo.add(requireNonNull(address, "address"));
      return this;
    }

    /**
     * Adds an attachment.
     *
     * @param attachment the file
     * @return this builder
     */
    public Builder attachment(EmailAttachment attachment) {
      attachments.add(requireNonNull(attachment, "attachment"));
      return this;
    }

    /** {@return the options} */
    public EmailOptions build() {
      return new EmailOptions(headers, replyTo, attachments);
    }
  }
}
