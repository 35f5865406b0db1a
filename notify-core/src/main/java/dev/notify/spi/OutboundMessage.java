package dev.notify.spi;

import static java.util.Objects.requireNonNull;

import dev.notify.ChannelOptions;
import dev.notify.Content;
import dev.notify.Priority;
import dev.notify.Recipient;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A message as one channel sees it: one address, the content, and the notification's attributes.
 *
 * @param notificationId the notification's id
 * @param address where to send
 * @param content what to send
 * @param priority the priority
 * @param category the category, or {@code null}
 * @param expiresAt when the message stops being worth sending, or {@code null}
 * @param options every typed option the notification carries
 * @param metadata the caller's metadata
 */
public record OutboundMessage(String notificationId, Recipient.Address address, Content content,
    Priority priority, @Nullable String category, @Nullable Instant expiresAt,
    Map<Class<? extends ChannelOptions>, ChannelOptions> options, Map<String, String> metadata) {

  /**
   * Checks required parts and copies the maps.
   *
   * @param notificationId the notification's id
   * @param address where to send
   * @param content what to send
   * @param priority the priority
   * @param category the category, or {@code null}
   * @param expiresAt when the message stops being worth sending, or {@code null}
   * @param options every typed option the notification carries
   * @param metadata the caller's metadata
   */
  public OutboundMessage {
    requireNonNull(notificationId, "notificationId");
    requireNonNull(address, "address");
    requireNonNull(content, "content");
    requireNonNull(priority, "priority");
    options = Map.copyOf(options);
    metadata = Map.copyOf(metadata);
  }

  /**
   * Shows the address masked and the metadata's keys only: its values (tenant, email, order
   * ids) may be personal data.
   */
  @Override
  public String toString() {
    return "OutboundMessage[notificationId=" + notificationId + ", address=" + address
        + ", content=" + content + ", priority=" + priority
        + (category != null ? ", category=" + category : "")
        + (expiresAt != null ? ", expiresAt=" + expiresAt : "") + ", options="
        + options.keySet().stream().map(Class::getSimpleName).sorted().toList()
        + ", metadata keys=" + metadata.keySet().stream().sorted().toList() + "]";
  }

  /**
   * {@return the options of that class, if present}
   *
   * @param <T> the options type
   * @param type the options class this channel defines
   */
  public <T extends ChannelOptions> Optional<T> options(Class<T> type) {
    return Optional.ofNullable(type.cast(options.get(type)));
  }

}
