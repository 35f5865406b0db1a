package dev.notify.spi.codec;

import dev.notify.ChannelOptions;
import dev.notify.Content;
import dev.notify.Notification;
import dev.notify.Recipient;
import dev.notify.Target;
import dev.notify.template.TemplateRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** {@link NotificationCodec#toJson}: a notification as a tree of JSON values, then as text. */
final class NotificationWriter {
  private final Function<ChannelOptions, @Nullable ChannelOptionsCodec<?>> codecs;

  NotificationWriter(Function<ChannelOptions, @Nullable ChannelOptionsCodec<?>> codecs) {
    this.codecs = codecs;
  }

  String write(Notification n) {
    Map<String, @Nullable Object> doc = new LinkedHashMap<>();
    doc.put("v", NotificationCodec.FORMAT_VERSION);
    doc.put("id", n.id());
    doc.put("priority", n.priority().name());
    n.category().ifPresent(c -> doc.put("category", c));
    doc.put("recipients", recipients(n.recipients()));
    doc.put("targets", targets(n.targets()));
    doc.put("content", content(n.content()));
    n.template().ifPresent(t -> doc.put("template", template(t)));
    if (!n.options().isEmpty()) {
      doc.put("options", options(n.options().values()));
    }
    n.sendAt().ifPresent(t -> doc.put("sendAt", t.toString()));
    n.expiresAt().ifPresent(t -> doc.put("expiresAt", t.toString()));
    if (!n.metadata().isEmpty()) {
      doc.put("metadata", n.metadata());
    }
    return Json.write(doc);
  }

  private static List<Object> recipients(List<Recipient> recipients) {
    List<Object> list = new ArrayList<>(recipients.size());
    for (Recipient r : recipients) {
      Map<String, Object> json = new LinkedHashMap<>();
      if (r instanceof Recipient.Address a) {
        json.put("kind", "address");
        json.put("type", a.type().id());
        json.put("value", a.value());
      } else if (r instanceof Recipient.User u) {
        json.put("kind", "user");
        json.put("id", u.id());
      } else {
        json.put("kind", "group");
        json.put("id", ((Recipient.Group) r).id());
      }
      list.add(json);
    }
    return list;
  }

  /**
   * A named target's channel type is not written: the builder cannot set it (it is null on every
   * notification), and the client resolves it from the name when it checks one.
   */
  private static List<Object> targets(List<Target> targets) {
    List<Object> list = new ArrayList<>(targets.size());
    for (Target t : targets) {
      if (t instanceof Target.Named named) {
        list.add(Map.of("channel", named.name()));
      } else if (t instanceof Target.OfFamily family) {
        list.add(Map.of("family", family.family()));
      } else {
        list.add(Map.of("type", ((Target.OfType) t).type().id()));
      }
    }
    return list;
  }

  private static Map<String, Object> content(Content c) {
    Map<String, Object> json = new LinkedHashMap<>();
    putIfSet(json, "title", c.title());
    putIfSet(json, "body", c.body());
    if (!c.data().isEmpty()) {
      json.put("data", c.data());
    }
    putIfSet(json, "subject", c.subject());
    putIfSet(json, "text", c.text());
    putIfSet(json, "html", c.html());
    return json;
  }

  private static Map<String, Object> template(TemplateRef t) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", t.id());
    Locale locale = t.locale();
    if (locale != null) {
      String tag = locale.toLanguageTag();
      if (!Locale.forLanguageTag(tag).equals(locale)) {
        throw Checks.fail("template.locale", "the locale '" + locale + "' has no BCP 47 tag that"
            + " reads back as the same locale (its tag is '" + tag + "'); use"
            + " Locale.forLanguageTag");
      }
      json.put("locale", tag);
    }
    Object variables = FreeForm.normalize(t.variables(), "template.variables");
    ((Map<?, ?>) variables).forEach((name, value) -> {
      if (value == null) {
        throw Checks.fail("template.variables." + name, "is an empty Optional, which would read"
            + " back as null, and a template variable cannot be null");
      }
    });
    json.put("variables", variables);
    return json;
  }

  /** Options by type id, sorted, each checked to be JSON values only. */
  private Map<String, Object> options(Iterable<ChannelOptions> options) {
    Map<String, Object> json = new TreeMap<>();
    for (ChannelOptions o : options) {
      String field = "options[" + o.getClass().getName() + "]";
      ChannelOptionsCodec<?> codec = codecs.apply(o);
      if (codec == null) {
        throw Checks.fail(field, "no ChannelOptionsCodec is registered for "
            + o.getClass().getName() + "; add the channel module's codec (ServiceLoader finds"
            + " it with NotificationCodec.discovered()) or register one with"
            + " NotificationCodec.builder().codec(…)");
      }
      Map<String, @Nullable Object> encoded;
      try {
        encoded = encode(codec, o);
      } catch (IllegalArgumentException e) {
        throw Checks.fail(field, e.getMessage(), e);
      }
      if (encoded == null) {
        throw new IllegalStateException(codec + " returned null for " + field);
      }
      json.put(codec.typeId(), Json.checked(encoded, field, 0));
    }
    return json;
  }

  private static <T extends ChannelOptions> Map<String, @Nullable Object> encode(
      ChannelOptionsCodec<T> codec, ChannelOptions options) {
    return codec.encode(codec.type().cast(options));
  }

  private static void putIfSet(Map<String, Object> json, String name, @Nullable String value) {
    if (value != null) {
      json.put(name, value);
    }
  }
}
