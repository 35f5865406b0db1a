package dev.notify.email;

import java.net.URI;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Makes the one-click unsubscribe link of a message, from which the channel writes
 * {@code List-Unsubscribe: <https://…>} and {@code List-Unsubscribe-Post:
 * List-Unsubscribe=One-Click} (RFC 8058), as mailbox providers demand of bulk mail. The link
 * usually carries a signed token for the recipient and category; the host's endpoint must accept
 * a POST to it without a login and record the opt-out (for example through the client's
 * preference store).
 *
 * <pre>{@code
 * EmailChannel.builder()
 *     .unsubscribeLinks(m -> "security".equals(m.category()) ? null   // transactional: none
 *         : URI.create("https://example.com/unsubscribe?t="
 *             + tokens.sign(m.address(), m.category())))
 * }</pre>
 *
 * <p>Threading: called on the lane's blocking pool, once per attempt; must be thread-safe and
 * fast. An exception, or a link that is not an absolute {@code https} URI on one line, fails the
 * delivery as permanent, loudly.
 */
@FunctionalInterface
public interface UnsubscribeLinks {

  /**
   * {@return the link for this message, or {@code null} to write no List-Unsubscribe header}
   *
   * @param message what the link is for
   */
  @Nullable URI link(Message message);

  /**
   * What an unsubscribe link is made for.
   *
   * @param address the recipient's address
   * @param category the notification's category, or {@code null}
   * @param notificationId the notification's id
   * @param metadata the notification's metadata
   */
  record Message(String address, @Nullable String category, String notificationId,
      Map<String, String> metadata) {
  }
}
