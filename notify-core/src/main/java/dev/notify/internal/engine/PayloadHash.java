package dev.notify.internal.engine;

import dev.notify.Content;
import dev.notify.Notification;
import dev.notify.Recipient;
import dev.notify.Target;
import dev.notify.template.TemplateRef;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The canonical hash of what makes two sends "the same notification": content, recipients and
 * targets (DESIGN.md, Idempotency). Every string is length-prefixed so no two different payloads
 * share an encoding; maps are already sorted by key.
 */
final class PayloadHash {
  private PayloadHash() {
  }

  static String of(Notification n) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
    put(sha, "v1");
    for (Recipient r : n.recipients()) {
      put(sha, r.key());
    }
    put(sha, "|");
    for (Target t : n.targets()) {
      put(sha, t instanceof Target.Named ? "name:" + ((Target.Named) t).name() : t.toString());
    }
    put(sha, "|");
    Content c = n.content();
    put(sha, c.title());
    put(sha, c.body());
    for (Map.Entry<String, String> e : c.data().entrySet()) {
      put(sha, e.getKey());
      put(sha, e.getValue());
    }
    put(sha, "|");
    put(sha, c.subject());
    put(sha, c.text());
    put(sha, c.html());
    put(sha, "|");
    if (n.template().isPresent()) {
      TemplateRef t = n.template().get();
      put(sha, t.id());
      put(sha, t.locale() == null ? null : t.locale().toLanguageTag());
      new java.util.TreeMap<>(t.variables()).forEach((k, v) -> {
        put(sha, k);
        put(sha, String.valueOf(v));
      });
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static void put(MessageDigest sha, @Nullable String s) {
    if (s == null) {
      sha.update(new byte[] {-1, -1, -1, -1});
      return;
    }
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    sha.update(new byte[] {(byte) (b.length >>> 24), (byte) (b.length >>> 16),
        (byte) (b.length >>> 8), (byte) b.length});
    sha.update(b);
  }
}
