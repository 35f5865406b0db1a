package dev.notify.email;

import static java.util.Objects.requireNonNull;

import dev.notify.spi.Redaction;
import dev.notify.status.Receipt;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One recipient's entry in a delivery status notification (RFC 3464), as {@link DsnParser} reads
 * it. Record it against the delivery with
 * {@code client.recordReceipt(channelName, bounce.originalMessageId(), receipt)}: the channel's
 * provider message id is the Message-ID it wrote.
 *
 * @param recipient the final recipient's address
 * @param action {@code failed}, {@code delayed}, {@code delivered}, {@code relayed} or
 *     {@code expanded}, lower case
 * @param status the enhanced status code, e.g. {@code 5.1.1}
 * @param diagnostic the remote server's words, or {@code null}
 * @param originalMessageId the bounced message's Message-ID (angle brackets included), or
 *     {@code null} if the report does not return its headers
 */
public record Bounce(String recipient, String action, String status, @Nullable String diagnostic,
    @Nullable String originalMessageId) {
  private static final Pattern ADDRESS_INVALID = Pattern.compile("5\\.1\\.(1|2|3|6|10)|5\\.2\\.1");

  /**
   * Rejects nulls.
   *
   * @param recipient the final recipient's address
   * @param action the action, lower case
   * @param status the enhanced status code
   * @param diagnostic the remote server's words, or {@code null}
   * @param originalMessageId the bounced message's Message-ID, or {@code null}
   */
  public Bounce {
    requireNonNull(recipient, "recipient");
    requireNonNull(action, "action");
    requireNonNull(status, "status");
  }

  /** {@return true for a hard bounce: the action is failed with a 5.x.x status} */
  public boolean permanent() {
    return "failed".equals(action) && status.startsWith("5.");
  }

  /**
   * {@return true if the address itself is bad (5.1.1 no such mailbox, 5.1.2 no such domain,
   * 5.1.3 bad syntax, 5.1.6 moved, 5.1.10 null MX, 5.2.1 disabled): the host should drop it}
   */
  public boolean addressInvalid() {
    return "failed".equals(action) && ADDRESS_INVALID.matcher(status).matches();
  }

  /**
   * {@return the receipt to record: ADDRESS_INVALID for a {@code failed} whose address does not
   * exist ({@link #addressInvalid()}; the client then drops a user's address from the
   * directory), UNDELIVERED for another {@code failed}, DELIVERED for {@code delivered}, none for
   * delays and relays, which are not final}
   *
   * @param at when the report arrived
   */
  public Optional<Receipt> receipt(Instant at) {
    requireNonNull(at, "at");
    String detail = status + (diagnostic == null ? "" : " " + diagnostic);
    return switch (action) {
      case "failed" -> Optional.of(new Receipt(addressInvalid() ? Receipt.Kind.ADDRESS_INVALID
          : Receipt.Kind.UNDELIVERED, at, detail));
      case "delivered" -> Optional.of(new Receipt(Receipt.Kind.DELIVERED, at, detail));
      default -> Optional.empty();
    };
  }

  /** Shows the masked recipient, the action, status and Message-ID. */
  @Override
  public String toString() {
    return "Bounce[" + Redaction.mask(recipient) + ", " + action + ", " + status + ", "
        + originalMessageId + "]";
  }
}
