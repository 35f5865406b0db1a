package dev.notify.testkit.log;

import dev.notify.Notification;
import dev.notify.Priority;
import dev.notify.Recipient;
import dev.notify.spi.log.DeliveryRecord;
import dev.notify.spi.log.NotificationRecord;
import dev.notify.status.DeliveryState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Builds a {@link NotificationRecord} for the tests; start one with
 * {@link LogFixtures#notification}. Deliveries are made with {@link DeliveryRecord#create},
 * addressed to the notification's first address recipient (or a generated one), with the
 * notification's priority, and changed last at the acceptance (a log stamps its own time when it
 * stores them).
 */
public final class RecordBuilder {
  private final String id;
  private final List<Recipient> recipients = new ArrayList<>();
  private final List<Supplier<DeliveryRecord>> deliveries = new ArrayList<>();
  private Priority priority = Priority.NORMAL;
  private String payloadHash;
  private Instant acceptedAt = LogFixtures.T0;
  private String parentId;

  RecordBuilder(String id) {
    this.id = id;
    this.payloadHash = "hash-of-" + id;
  }

  /**
   * Makes it a group member's notification; default none.
   *
   * @param broadcastId the id of the broadcast it belongs to
   * @return this builder
   */
  public RecordBuilder memberOf(String broadcastId) {
    this.parentId = broadcastId;
    return this;
  }

  /**
   * Adds recipients; default a generated email address.
   *
   * @param to the recipients to add
   * @return this builder
   */
  public RecordBuilder to(Recipient... to) {
    recipients.addAll(List.of(to));
    return this;
  }

  /**
   * Sets the priority.
   *
   * @param p the priority of the notification and its deliveries; default NORMAL
   * @return this builder
   */
  public RecordBuilder priority(Priority p) {
    this.priority = p;
    return this;
  }

  /**
   * Sets the payload hash.
   *
   * @param hash the payload hash; default {@code hash-of-<id>}
   * @return this builder
   */
  public RecordBuilder payloadHash(String hash) {
    this.payloadHash = hash;
    return this;
  }

  /**
   * Sets the acceptance time.
   *
   * @param at when it was accepted; default {@link LogFixtures#T0}
   * @return this builder
   */
  public RecordBuilder acceptedAt(Instant at) {
    this.acceptedAt = at;
    return this;
  }

  /**
   * Adds an unclaimed delivery.
   *
   * @param channel the channel's name
   * @param state the delivery's state
   * @param dueAt when it is due (a log makes a QUEUED delivery due at once whatever this is)
   * @return this builder
   */
  public RecordBuilder delivery(String channel, DeliveryState state, Instant dueAt) {
    return addDelivery(channel, state, dueAt, null);
  }

  /**
   * Adds a delivery claimed by {@code owner} (lease sequence 1); the claim holds while the
   * owner's instance lease lives.
   *
   * @param channel the channel's name
   * @param state the delivery's state
   * @param dueAt when it is due
   * @param owner the claiming instance
   * @return this builder
   */
  public RecordBuilder claimedDelivery(String channel, DeliveryState state, Instant dueAt,
      String owner) {
    return addDelivery(channel, state, dueAt, owner);
  }

  private RecordBuilder addDelivery(String channel, DeliveryState state, Instant dueAt,
      String owner) {
    int n = deliveries.size() + 1;
    deliveries.add(() -> DeliveryRecord.create(id + "/" + n, id, channel, address(), priority,
        state, dueAt, owner, acceptedAt));
    return this;
  }

  private Recipient.Address address() {
    return recipients.stream().filter(r -> r instanceof Recipient.Address)
        .map(r -> (Recipient.Address) r).findFirst()
        .orElse(Recipient.email(id + "@example.com"));
  }

  /** {@return the record} */
  public NotificationRecord build() {
    if (recipients.isEmpty()) {
      recipients.add(Recipient.email(id + "@example.com"));
    }
    Notification n = Notification.builder().id(id).to(recipients).priority(priority)
        .title("Title of " + id).body("Body of " + id).build();
    List<DeliveryRecord> built = deliveries.stream().map(Supplier::get).toList();
    return new NotificationRecord(n, payloadHash, acceptedAt, built, parentId);
  }
}
