package dev.notify.email;

import dev.notify.Content;
import dev.notify.Priority;
import dev.notify.Recipient;
import dev.notify.spi.Delivery;
import dev.notify.spi.OutboundMessage;
import java.util.Map;

/** Deliveries for tests that call the channel directly. */
final class Messages {
  private Messages() {
  }

  static OutboundMessage message(String to, Content content, EmailOptions options) {
    return new OutboundMessage("n-1", Recipient.email(to), content, Priority.NORMAL, null, null,
        Map.of(EmailOptions.class, options), Map.of());
  }

  static OutboundMessage message(String to, String subject, String text, String html) {
    return message(to, new Content(null, null, Map.of(), subject, text, html),
        EmailOptions.ofDefaults());
  }

  static Delivery delivery(String id, String to) {
    return new Delivery(id, 1, message(to, "Hello", "Hi there", null));
  }

  static Delivery delivery(String id, OutboundMessage message) {
    return new Delivery(id, 1, message);
  }
}
