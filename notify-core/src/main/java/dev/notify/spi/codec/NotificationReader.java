package dev.notify.spi.codec;

import dev.notify.ChannelOptions;
import dev.notify.ChannelType;
import dev.notify.Notification;
import dev.notify.Priority;
import dev.notify.Recipient;
import dev.notify.template.TemplateRef;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * {@link NotificationCodec#fromJson}: reads the document field by field and rebuilds the
 * notification through {@link Notification#builder()}, so that every check of the builder and
 * of the value types applies; an exception they throw is reported with the field it concerns.
 */
final class NotificationReader {
  private static final Set<String> TOP = Set.of("v", "id", "priority", "category", "recipients",
      "targets", "content", "template", "options", "sendAt", "expiresAt", "metadata");
  private static final Set<String> ADDRESS = Set.of("kind", "type", "value");
  private static final Set<String> DIRECTORY = Set.of("kind", "id");
  private static final Set<String> TARGET = Set.of("type", "family", "channel");
  private static final Set<String> CONTENT = Set.of("title", "body", "data", "subject", "text",
      "html");
  private static final Set<String> TEMPLATE = Set.of("id", "locale", "variables");

  private final Function<String, @Nullable ChannelOptionsCodec<?>> codecs;
  private final Set<String> typeIds;

  NotificationReader(Function<String, @Nullable ChannelOptionsCodec<?>> codecs,
      Set<String> typeIds) {
    this.codecs = codecs;
    this.typeIds = typeIds;
  }

  Notification read(String text) {
    Map<String, @Nullable Object> root = Json.parseObject(text);
    version(root.get("v"), root.containsKey("v"));
    JsonFields doc = JsonFields.of(root, "", TOP);
    Notification.Builder b = Notification.builder();
    String id = doc.string("id");
    apply("id", () -> b.id(id));
    b.priority(priority(doc.string("priority")));
    String category = doc.optionalString("category");
    if (category != null) {
      b.category(category);
    }
    List<?> recipients = doc.array("recipients");
    for (int i = 0; i < recipients.size(); i++) {
      Recipient r = recipient(recipients.get(i), Checks.index("recipients", i));
      b.to(r);
    }
    List<?> targets = doc.array("targets");
    for (int i = 0; i < targets.size(); i++) {
      target(b, targets.get(i), Checks.index("targets", i));
    }
    content(b, JsonFields.of(doc.get("content"), "content", CONTENT));
    if (doc.has("template")) {
      b.template(template(JsonFields.of(doc.get("template"), "template", TEMPLATE)));
    }
    if (doc.has("options")) {
      options(b, doc.get("options"));
    }
    Instant sendAt = doc.optionalInstant("sendAt");
    if (sendAt != null) {
      b.sendAt(sendAt);
    }
    Instant expiresAt = doc.optionalInstant("expiresAt");
    if (expiresAt != null) {
      b.expiresAt(expiresAt);
    }
    doc.strings("metadata").forEach(b::metadata);
    return b.build();
  }

  private static void version(@Nullable Object v, boolean present) {
    if (!present) {
      throw Checks.fail("v", "is missing: this is not a notification written by"
          + " NotificationCodec");
    }
    if (!(v instanceof Long version)) {
      throw Checks.fail("v", "must be the format version, a number, was " + Checks.kind(v));
    }
    if (version != NotificationCodec.FORMAT_VERSION) {
      throw Checks.fail("v", "format version " + version + " is not supported; this notify reads"
          + " version " + NotificationCodec.FORMAT_VERSION);
    }
  }

  private static Priority priority(String name) {
    for (Priority p : Priority.values()) {
      if (p.name().equals(name)) {
        return p;
      }
    }
    throw Checks.fail("priority", "must be one of " + Arrays.toString(Priority.values())
        + ", was '" + name + "'");
  }

  private static Recipient recipient(@Nullable Object json, String path) {
    String kind = JsonFields.of(json, path, Set.of("kind", "type", "value", "id")).string("kind");
    switch (kind) {
      case "address": {
        JsonFields a = JsonFields.of(json, path, ADDRESS);
        ChannelType type = channelType(a.string("type"), a.path("type"));
        String value = a.string("value");
        return apply(path, () -> Recipient.address(type, value));
      }
      case "user": {
        String id = JsonFields.of(json, path, DIRECTORY).string("id");
        return apply(path, () -> Recipient.user(id));
      }
      case "group": {
        String id = JsonFields.of(json, path, DIRECTORY).string("id");
        return apply(path, () -> Recipient.group(id));
      }
      default:
        throw Checks.fail(Checks.field(path, "kind"), "must be address, user or group, was '"
            + kind + "'");
    }
  }

  private static void target(Notification.Builder b, @Nullable Object json, String path) {
    JsonFields t = JsonFields.of(json, path, TARGET);
    if (t.map().size() != 1) {
      throw Checks.fail(path, "must have exactly one of type, family or channel");
    }
    if (t.has("type")) {
      b.via(channelType(t.string("type"), t.path("type")));
    } else if (t.has("family")) {
      String family = t.string("family");
      if (!family.equals("push")) {
        throw Checks.fail(t.path("family"), "must be push (the only family a notification can"
            + " target), was '" + family + "'");
      }
      b.viaPush();
    } else {
      String channel = t.string("channel");
      b.viaChannel(channel);
    }
  }

  private static ChannelType channelType(String id, String path) {
    return apply(path, () -> ChannelType.of(id));
  }

  private static void content(Notification.Builder b, JsonFields c) {
    String title = c.optionalString("title");
    if (title != null) {
      b.title(title);
    }
    String body = c.optionalString("body");
    if (body != null) {
      b.body(body);
    }
    c.strings("data").forEach(b::data);
    String subject = c.optionalString("subject");
    if (subject != null) {
      b.subject(subject);
    }
    String text = c.optionalString("text");
    if (text != null) {
      b.text(text);
    }
    String html = c.optionalString("html");
    if (html != null) {
      b.html(html);
    }
  }

  private static TemplateRef template(JsonFields t) {
    String id = t.string("id");
    String tag = t.optionalString("locale");
    Locale locale = tag == null ? null : Locale.forLanguageTag(tag);
    if (locale != null && !locale.toLanguageTag().equals(tag)) {
      throw Checks.fail(t.path("locale"), "must be a well-formed BCP 47 language tag, was '"
          + tag + "'");
    }
    Object variables = t.get("variables");
    if (!(variables instanceof Map<?, ?>)) {
      throw Checks.fail(t.path("variables"), "must be an object, was " + Checks.kind(variables));
    }
    @SuppressWarnings("unchecked") // FreeForm keeps an object a Map<String, Object>
    Map<String, Object> values =
        (Map<String, Object>) FreeForm.fromJson(variables, t.path("variables"));
    return apply("template", () -> new TemplateRef(id, values, locale));
  }

  private void options(Notification.Builder b, @Nullable Object options) {
    if (!(options instanceof Map<?, ?> map)) {
      throw Checks.fail("options", "must be an object, was " + Checks.kind(options));
    }
    map.forEach((key, json) -> {
      String typeId = (String) key;
      String path = Checks.field("options", typeId);
      ChannelOptionsCodec<?> codec = codecs.apply(typeId);
      if (codec == null) {
        throw Checks.fail(path, "unknown typeId '" + typeId + "'; this codec knows " + typeIds
            + ": add the channel module that defines these options (its codec is found by"
            + " NotificationCodec.discovered()) or register its codec with"
            + " NotificationCodec.builder().codec(…)");
      }
      if (!(json instanceof Map<?, ?>)) {
        throw Checks.fail(path, "must be an object, was " + Checks.kind(json));
      }
      @SuppressWarnings("unchecked") // Json makes every object a Map<String, Object>
      Map<String, @Nullable Object> fields = (Map<String, @Nullable Object>) json;
      ChannelOptions o;
      try {
        o = codec.decode(fields);
      } catch (IllegalArgumentException e) {
        throw Checks.fail(path, e.getMessage(), e);
      } catch (RuntimeException e) {
        throw Checks.fail(path, codec + " could not read it (" + e.getClass().getName() + ")", e);
      }
      if (!codec.type().isInstance(o)) {
        throw new IllegalStateException(codec + " read " + path + " as "
            + (o == null ? "null" : o.getClass().getName()) + ", not a " + codec.type().getName());
      }
      b.options(o);
    });
  }

  /** Runs a builder or constructor call, naming the field when it rejects the value. */
  private static <T> T apply(String path, Supplier<T> call) {
    try {
      return call.get();
    } catch (IllegalArgumentException | NullPointerException e) {
      throw Checks.fail(path, String.valueOf(e.getMessage()), e);
    }
  }
}
