package dev.notify.fcm.internal;

import com.google.firebase.messaging.AndroidConfig;
import com.google.firebase.messaging.AndroidNotification;
import com.google.firebase.messaging.ApnsConfig;
import com.google.firebase.messaging.Aps;
import com.google.firebase.messaging.Message;
import com.google.firebase.messaging.Notification;
import com.google.firebase.messaging.WebpushConfig;
import com.google.firebase.messaging.WebpushFcmOptions;
import com.google.firebase.messaging.WebpushNotification;
import dev.notify.Content;
import dev.notify.Priority;
import dev.notify.fcm.FcmOptions;
import dev.notify.spi.OutboundMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** Builds firebase-admin's {@link Message} from a notify message, after {@link MessageChecks}. */
final class MessageFactory {
  private MessageFactory() {
  }

  /** The content's data with the options' data over it. */
  static Map<String, String> data(Content c, @Nullable FcmOptions o) {
    if (o == null || o.data().isEmpty()) {
      return c.data();
    }
    Map<String, String> all = new TreeMap<>(c.data());
    all.putAll(o.data());
    return all;
  }

  // setToken is deprecated in firebase-admin 9.11 in favour of setFid (Firebase installation
  // ids); the recipients here are registration tokens, which FCM's v1 API still takes as token.
  @SuppressWarnings("deprecation")
  static Message build(OutboundMessage m, Instant now) {
    Content c = m.content();
    FcmOptions o = m.options(FcmOptions.class).orElse(null);
    Message.Builder b = Message.builder().setToken(m.address().value());
    String image = o == null ? null : o.image();
    if (c.title() != null || c.body() != null || image != null) {
      b.setNotification(Notification.builder().setTitle(c.title()).setBody(c.body())
          .setImage(image).build());
    }
    b.putAllData(data(c, o));
    b.setAndroidConfig(android(m, o, now));
    if (o != null && o.apns().isSet()) {
      b.setApnsConfig(apns(o.apns()));
    }
    if (o != null && o.webpush().isSet()) {
      b.setWebpushConfig(webpush(o.webpush()));
    }
    return b.build();
  }

  private static AndroidConfig android(OutboundMessage m, @Nullable FcmOptions o, Instant now) {
    AndroidConfig.Builder a = AndroidConfig.builder().setPriority(
        m.priority() == Priority.HIGH ? AndroidConfig.Priority.HIGH
            : AndroidConfig.Priority.NORMAL);
    FcmOptions.Android android = o == null ? null : o.android();
    Duration ttl = android != null && android.ttl() != null ? android.ttl()
        : m.expiresAt() == null ? null : Duration.between(now, m.expiresAt());
    if (ttl != null) {
      a.setTtl(Math.max(0, ttl.toMillis()));
    }
    if (android != null && android.collapseKey() != null) {
      a.setCollapseKey(android.collapseKey());
    }
    if (android != null && android.channelId() != null) {
      a.setNotification(AndroidNotification.builder().setChannelId(android.channelId()).build());
    }
    return a.build();
  }

  private static ApnsConfig apns(FcmOptions.Apns o) {
    Aps.Builder aps = Aps.builder().setContentAvailable(o.contentAvailable())
        .setMutableContent(o.mutableContent());
    if (o.badge() != null) {
      aps.setBadge(o.badge());
    }
    if (o.sound() != null) {
      aps.setSound(o.sound());
    }
    if (o.category() != null) {
      aps.setCategory(o.category());
    }
    if (o.threadId() != null) {
      aps.setThreadId(o.threadId());
    }
    return ApnsConfig.builder().putAllHeaders(o.headers()).setAps(aps.build()).build();
  }

  private static WebpushConfig webpush(FcmOptions.WebPush o) {
    WebpushConfig.Builder w = WebpushConfig.builder().putAllHeaders(o.headers());
    if (o.link() != null) {
      w.setFcmOptions(WebpushFcmOptions.withLink(o.link()));
    }
    if (o.icon() != null) {
      w.setNotification(WebpushNotification.builder().setIcon(o.icon()).build());
    }
    return w.build();
  }
}
