package dev.notify.email;

import java.util.Optional;

/**
 * Reads the bytes of attachments given by reference ({@link EmailAttachment#reference}), such as
 * keys in object storage, so that notifications carry the reference, not the file.
 *
 * <pre>{@code
 * EmailChannel.builder()
 *     .attachmentResolver(key -> storage.exists(key)
 *         ? Optional.of(storage.read(key)) : Optional.empty())
 * }</pre>
 *
 * <p>Threading: called on the lane's blocking pool, once per attempt and reference, before an
 * SMTP connection is taken; may block on I/O (within the lane's attempt deadline) and must be
 * thread-safe.
 */
@FunctionalInterface
public interface AttachmentResolver {

  /**
   * Reads one referenced file.
   *
   * @param reference the attachment's reference
   * @return the bytes, or empty if there is no such file: the delivery fails as permanent
   * @throws Exception when the store cannot be read now: the attempt is retryable
   */
  Optional<byte[]> resolve(String reference) throws Exception;
}
