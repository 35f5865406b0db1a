package dev.notify.internal.engine;

import dev.notify.spi.log.DeliveryRecord;
import dev.notify.spi.log.NotificationRecord;
import dev.notify.status.DeliveryState;
import dev.notify.status.DeliveryStatus;
import dev.notify.status.NotificationStatus;
import java.util.ArrayList;
import java.util.List;

/** Maps log records to the public status values. */
final class Statuses {
  private Statuses() {
  }

  static NotificationStatus of(NotificationRecord r) {
    List<DeliveryStatus> ds = new ArrayList<>(r.deliveries().size());
    for (DeliveryRecord d : r.deliveries()) {
      boolean waiting = d.state() == DeliveryState.SCHEDULED
          || d.state() == DeliveryState.RETRY_SCHEDULED;
      ds.add(new DeliveryStatus(d.id(), d.channel(), d.address(), d.state(), d.attempts(),
          waiting ? d.dueAt() : null, d.reason(), d.providerMessageId(), d.receipts(),
          d.updatedAt()));
    }
    return new NotificationStatus(r.id(), r.acceptedAt(), ds);
  }
}
