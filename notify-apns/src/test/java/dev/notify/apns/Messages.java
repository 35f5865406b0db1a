package dev.notify.apns;

import dev.notify.ChannelOptions;
import dev.notify.Content;
import dev.notify.Priority;
import dev.notify.Recipient;
import dev.notify.spi.Delivery;
import dev.notify.spi.OutboundMessage;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Builds messages and deliveries for tests, as the engine would hand them to the channel. */
final class Messages {
  private static final AtomicLong IDS = new AtomicLong();

  private String token = token(1);
  private String title = "Hello";
  private String body = "World";
  private Map<String, String> data = Map.of();
  private Priority priority = Priority.NORMAL;
  private Instant expiresAt;
  private ApnsOptions options;
  private Recipient.Address address;

  static Messages message() {
    return new Messages();
  }

  /** @return a 64-digit hex token, different for each n */
  static String token(long n) {
    return String.format("%064x", n);
  }

  Messages to(String token) {
    this.token = token;
    return this;
  }

  Messages address(Recipient.Address address) {
    this.address = address;
    return this;
  }

  Messages title(String title) {
    this.title = title;
    return this;
  }

  Messages body(String body) {
    this.body = body;
    return this;
  }

  Messages noAlert() {
    this.title = null;
    this.body = null;
    return this;
  }

  Messages data(Map<String, String> data) {
    this.data = data;
    return this;
  }

  Messages priority(Priority priority) {
    this.priority = priority;
    return this;
  }

  Messages expiresAt(Instant expiresAt) {
    this.expiresAt = expiresAt;
    return this;
  }

  Messages options(ApnsOptions options) {
    this.options = options;
    return this;
  }

  OutboundMessage build() {
    Map<Class<? extends ChannelOptions>, ChannelOptions> all = new HashMap<>();
    if (options != null) {
      all.put(ApnsOptions.class, options);
    }
    return new OutboundMessage("n-" + IDS.incrementAndGet(),
        address != null ? address : Recipient.apnsToken(token),
        new Content(title, body, data, null, null, null), priority, null, expiresAt, all,
        Map.of());
  }

  Delivery delivery() {
    OutboundMessage message = build();
    return new Delivery(message.notificationId() + "/1", 1, message);
  }
}
