package dev.notify.email;

import dev.notify.Notification;
import dev.notify.NotificationClient;
import dev.notify.Recipient;
import dev.notify.status.NotificationStatus;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Run by {@link ShadedJarIT} in a fresh JVM whose class path is the shaded jar (and this class):
 * discovers the channel from properties and sends one email with text and HTML.
 */
final class ShadedJarSmoke {
  private ShadedJarSmoke() {
  }

  public static void main(String[] args) throws Exception {
    Properties p = new Properties();
    p.setProperty("notify.channel.email.provider", "smtp");
    p.setProperty("notify.channel.email.host", args[0]);
    p.setProperty("notify.channel.email.port", args[1]);
    p.setProperty("notify.channel.email.security", "NONE");
    p.setProperty("notify.channel.email.from", "notify@example.com");
    try (NotificationClient client = NotificationClient.builder().discoverChannels(p).build()) {
      NotificationStatus status = client.send(Notification.builder().id("shaded")
          .to(Recipient.email("ada@example.com")).subject("From a shaded jar")
          .text("Hello").html("<p>Hello</p>").build()).completion().get(30, TimeUnit.SECONDS);
      if (!status.isSent()) {
        System.err.println("not sent: " + status);
        System.exit(2);
      }
    }
  }
}
