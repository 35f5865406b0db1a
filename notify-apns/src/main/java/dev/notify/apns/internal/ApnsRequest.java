package dev.notify.apns.internal;

import dev.notify.apns.ApnsPushType;
import dev.notify.spi.Redaction;
import java.time.Instant;

/**
 * A message turned into everything an APNs request carries except what depends on the attempt
 * (apns-id and a default expiration), which {@link ApnsRequestFactory#notification} adds.
 *
 * @param token the device token
 * @param topic the apns-topic
 * @param topicSource where the topic came from, for classifying topic errors
 * @param payload the JSON payload
 * @param payloadBytes its size in UTF-8 bytes
 * @param pushType the push type
 * @param priority 10 or 5
 * @param collapseId the apns-collapse-id, or {@code null}
 * @param expiresAt the message's own expiry, or {@code null}
 */
public record ApnsRequest(String token, String topic, TopicSource topicSource, String payload,
    int payloadBytes, ApnsPushType pushType, int priority, String collapseId, Instant expiresAt)
    implements Prepared {

  /** The token and payload are personal data: neither is printed. */
  @Override
  public String toString() {
    return "ApnsRequest[token=" + Redaction.mask(token) + ", topic=" + topic + ", pushType="
        + pushType.headerValue() + ", priority=" + priority + ", payload=" + payloadBytes
        + " bytes]";
  }
}
