package dev.notify.internal.engine;

import dev.notify.ChannelOptions;
import dev.notify.Content;
import dev.notify.InvalidNotificationException;
import dev.notify.Notification;
import dev.notify.Recipient;
import dev.notify.Target;
import dev.notify.template.TemplateRef;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The hash that decides whether a second send of an id is "the same notification" (a duplicate) or
 * another one (an {@code IdempotencyConflictException}), DESIGN.md "Idempotency, precisely". It is
 * the SHA-256, in hex, of the UTF-8 bytes of a canonical JSON rendering ({@link CanonicalJson}),
 * prefixed with the encoding's version: {@code v2:} and 64 hex digits. It depends on values only,
 * never on map iteration order, identity or the JVM, so a legitimate retry after a restart or on
 * another instance is a duplicate.
 *
 * <p>What is hashed: everything that decides what is sent, to whom, through which channels and
 * when: the recipients (their keys, in order), the targets as given (in order), the content
 * (title, body, data, subject, text, html), the template (id, locale, variables), the category,
 * the priority, {@code sendAt}, {@code expiresAt} and the typed {@link ChannelOptions} (by class
 * name; each must be a record, or an enum, and is written by its components). The document is
 * one object with sorted keys; an absent part is {@code null}:
 *
 * <pre>{@code
 * {"category":…,"content":{"body":…,"data":{…},"html":…,"subject":…,"text":…,"title":…},
 *  "expiresAt":"2026-01-01T00:00:00Z","options":{"com.example.Opts":{…}},"priority":"NORMAL",
 *  "recipients":["email:a@example.com"],"sendAt":…,"targets":[{"channel":"email"},
 *  {"family":"push"},{"type":"sms"}],"template":{"id":…,"locale":"ko-KR","variables":{…}}}
 * }</pre>
 *
 * <p>Not hashed: the caller's {@linkplain Notification#metadata() metadata}. It is bookkeeping
 * (tenant, campaign, trace or request ids) that a retry may legitimately carry with other values,
 * and it does not change what the recipient gets; a resend that differs only in metadata is a
 * duplicate, and the first send's metadata is the one kept.
 *
 * <p>Checks: the template variables and the options are walked with the rules of
 * {@link CanonicalJson}, so this is also where a cycle, a value nested deeper than
 * {@value CanonicalJson#MAX_DEPTH} levels or an unsupported type is rejected, with an
 * {@link InvalidNotificationException} naming the field ({@code template.variables.a.b}), before
 * anything is stored or rendered.
 *
 * <p>Versions: {@code v1} (before this encoding; 64 hex digits, no prefix) hashed content,
 * recipients and targets only, and nested variables by their {@code toString()}. A record stored
 * under v1 never equals a v2 hash, so resending its id is a conflict rather than a duplicate. The
 * only log today is in memory, so no record outlives the version that wrote it; a durable log
 * would need a migration or a v1 fallback. Any change to what this writes needs a new version;
 * {@code PayloadHashTest} pins one hash to catch a silent change.
 */
final class PayloadHash {
  /** The encoding's version, the prefix of every hash. */
  static final String VERSION = "v2";

  private PayloadHash() {
  }

  /**
   * {@return the versioned hash, e.g. {@code v2:3f…}}
   *
   * @throws InvalidNotificationException if a template variable or an option cannot be hashed
   */
  static String of(Notification n) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
    byte[] digest = sha.digest(canonical(n).getBytes(StandardCharsets.UTF_8));
    return VERSION + ":" + HexFormat.of().formatHex(digest);
  }

  /** {@return the canonical JSON that {@link #of} hashes} */
  static String canonical(Notification n) {
    CanonicalJson j = new CanonicalJson().beginObject();
    j.key("category").string(n.category().orElse(null));
    j.key("content");
    content(j, n.content());
    j.key("expiresAt").string(iso(n.expiresAt()));
    j.key("options");
    options(j, n.options());
    j.key("priority").string(n.priority().name());
    j.key("recipients").beginArray();
    for (Recipient r : n.recipients()) {
      j.string(r.key());
    }
    j.endArray();
    j.key("sendAt").string(iso(n.sendAt()));
    j.key("targets").beginArray();
    for (Target t : n.targets()) {
      j.beginObject();
      if (t instanceof Target.Named named) {
        // Its type is filled in by the client when it checks the notification: not the caller's.
        j.key("channel").string(named.name());
      } else if (t instanceof Target.OfFamily family) {
        j.key("family").string(family.family());
      } else {
        j.key("type").string(((Target.OfType) t).type().id());
      }
      j.endObject();
    }
    j.endArray();
    j.key("template");
    if (n.template().isPresent()) {
      TemplateRef t = n.template().get();
      j.beginObject();
      j.key("id").string(t.id());
      j.key("locale").string(t.locale() == null ? null : t.locale().toLanguageTag());
      j.key("variables").value("template.variables", t.variables());
      j.endObject();
    } else {
      j.string(null);
    }
    return j.endObject().text();
  }

  private static void content(CanonicalJson j, Content c) {
    j.beginObject();
    j.key("body").string(c.body());
    j.key("data").value("content.data", c.data());
    j.key("html").string(c.html());
    j.key("subject").string(c.subject());
    j.key("text").string(c.text());
    j.key("title").string(c.title());
    j.endObject();
  }

  private static void options(CanonicalJson j,
      Map<Class<? extends ChannelOptions>, ChannelOptions> options) {
    List<ChannelOptions> sorted = new ArrayList<>(options.values());
    sorted.sort(Comparator.comparing(o -> o.getClass().getName()));
    j.beginObject();
    for (ChannelOptions o : sorted) {
      String name = o.getClass().getName();
      String field = "options[" + name + "]";
      if (!(o instanceof Record) && !(o instanceof Enum<?>)) {
        throw new InvalidNotificationException(field, "a " + name + " is neither a record nor an"
            + " enum; make ChannelOptions records so that a resend can be compared with the"
            + " first send");
      }
      j.key(name).value(field, o);
    }
    j.endObject();
  }

  private static @Nullable String iso(Optional<Instant> instant) {
    return instant.map(Instant::toString).orElse(null);
  }
}
