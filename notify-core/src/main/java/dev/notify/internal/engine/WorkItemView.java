package dev.notify.internal.engine;

import dev.notify.Recipient;
import dev.notify.spi.log.DeliveryRecord;

/** The identity of a delivery as events report it. */
record WorkItemView(String notificationId, String deliveryId, String channel,
    Recipient address) {

  static WorkItemView of(WorkItem item) {
    return new WorkItemView(item.notificationId(), item.deliveryId(), item.channel(),
        item.address());
  }

  static WorkItemView of(DeliveryRecord d) {
    return new WorkItemView(d.notificationId(), d.id(), d.channel(), d.address());
  }
}
