package dev.notify.internal.engine;

import dev.notify.Recipient;
import dev.notify.spi.log.DeliveryRecord;
import dev.notify.spi.log.NotificationLog;
import dev.notify.spi.log.NotificationRecord;
import dev.notify.status.DeliveryState;
import dev.notify.status.DeliveryStatus;
import dev.notify.status.GroupMembers;
import dev.notify.status.NotificationStatus;
import java.util.ArrayList;
import java.util.List;

/** Maps log records to the public status values. */
final class Statuses {
  private Statuses() {
  }

  /**
   * The status of a stored notification; for a group broadcast with its members' counts from
   * the log.
   */
  static NotificationStatus of(NotificationRecord r, NotificationLog log) {
    List<DeliveryStatus> ds = new ArrayList<>(r.deliveries().size());
    for (DeliveryRecord d : r.deliveries()) {
      boolean waiting = d.state() == DeliveryState.SCHEDULED
          || d.state() == DeliveryState.RETRY_SCHEDULED;
      ds.add(new DeliveryStatus(d.id(), d.channel(), d.address(), d.state(), d.attempts(),
          waiting ? d.dueAt() : null, d.reason(), d.providerMessageId(), d.receipts(),
          d.updatedAt()));
    }
    boolean broadcast = false;
    for (Recipient recipient : r.notification().recipients()) {
      broadcast |= recipient instanceof Recipient.Group;
    }
    GroupMembers members = broadcast ? log.members(r.id()) : null;
    return new NotificationStatus(r.id(), r.acceptedAt(), ds, members);
  }
}
