package dev.notify.apns.internal;

import com.eatthepath.pushy.apns.ApnsPushNotification;
import com.eatthepath.pushy.apns.DeliveryPriority;
import com.eatthepath.pushy.apns.PushType;
import java.time.Instant;
import java.util.UUID;

/**
 * The notification handed to pushy. Our own class rather than pushy's
 * {@code SimpleApnsPushNotification}, whose toString prints the full device token and payload.
 */
final class ApnsNotification implements ApnsPushNotification {
  private final ApnsRequest request;
  private final PushType pushType;
  private final DeliveryPriority priority;
  private final Instant expiration;
  private final UUID apnsId;

  ApnsNotification(ApnsRequest request, PushType pushType, Instant expiration, UUID apnsId) {
    this.request = request;
    this.pushType = pushType;
    this.priority = DeliveryPriority.getFromCode(request.priority());
    this.expiration = expiration;
    this.apnsId = apnsId;
  }

  ApnsRequest request() {
    return request;
  }

  @Override
  public String getToken() {
    return request.token();
  }

  @Override
  public String getPayload() {
    return request.payload();
  }

  @Override
  public Instant getExpiration() {
    return expiration;
  }

  @Override
  public DeliveryPriority getPriority() {
    return priority;
  }

  @Override
  public PushType getPushType() {
    return pushType;
  }

  @Override
  public String getTopic() {
    return request.topic();
  }

  @Override
  public String getCollapseId() {
    return request.collapseId();
  }

  @Override
  public UUID getApnsId() {
    return apnsId;
  }

  @Override
  public String toString() {
    return "ApnsNotification[apnsId=" + apnsId + ", " + request + "]";
  }
}
