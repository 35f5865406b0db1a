package dev.notify.internal.template;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.notify.ChannelType;
import dev.notify.Content;
import dev.notify.InvalidNotificationException;
import dev.notify.spi.store.MissingVariableException;
import dev.notify.spi.store.TemplateEngine;
import dev.notify.spi.store.TemplateStore;
import dev.notify.template.Template;
import dev.notify.template.TemplateException;
import dev.notify.template.TemplateParts;
import dev.notify.template.TemplateRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Validates template references at {@code send} and renders them per channel at dispatch.
 * Thread-safe. Compiled sources are cached by their text (bounded), so a source is parsed once
 * however often it is rendered, and a template changed in the store is picked up at once.
 *
 * <p>Locale choice: {@link TemplateRef#locale()} if set, else the user's locale, else the template's
 * default. For each channel the first locale in the fallback chain ({@code ko-KR} → {@code ko} →
 * default) whose variant has a part for the channel wins; within a variant, a part under the
 * channel type's own id ({@code apns}) wins over its family's ({@code push}).
 */
public final class TemplateRenderer {
  private static final long DEFAULT_MAX_COMPILED = 10_000;

  private final TemplateStore store;
  private final TemplateEngine engine;
  private final Cache<Source, TemplateEngine.Compiled> compiled;

  /**
   * Caches up to 10,000 compiled sources.
   *
   * @param store where templates are found
   * @param engine compiles and renders sources
   */
  public TemplateRenderer(TemplateStore store, TemplateEngine engine) {
    this(store, engine, DEFAULT_MAX_COMPILED);
  }

  /**
   * Creates a renderer with a bounded cache of compiled sources.
   *
   * @param store where templates are found
   * @param engine compiles and renders sources
   * @param maxCompiledSources how many compiled sources to keep; positive
   */
  public TemplateRenderer(TemplateStore store, TemplateEngine engine, long maxCompiledSources) {
    this.store = requireNonNull(store, "store");
    this.engine = requireNonNull(engine, "engine");
    if (maxCompiledSources <= 0) {
      throw new IllegalArgumentException(
          "maxCompiledSources must be positive: " + maxCompiledSources);
    }
    // Runnable::run: cache maintenance is cheap; never hand it to the common pool
    this.compiled = Caffeine.newBuilder().maximumSize(maxCompiledSources).executor(Runnable::run)
        .build();
  }

  /**
   * The check made at {@code send}, on the caller's thread: the template exists, its default
   * locale has a part for every target type, and those parts render with the reference's variables
   * (in the default locale, and also in {@link TemplateRef#locale()} when that is set).
   *
   * @param ref the reference
   * @param targetTypes the channel types the notification will reach; empty checks every part of
   *     the default locale
   * @throws InvalidNotificationException naming the field (e.g.
   *     {@code template.order-shipped[en].email.subject}) and the rule (e.g.
   *     {@code missing variable 'name'})
   */
  public void validate(TemplateRef ref, Set<ChannelType> targetTypes) {
    requireNonNull(ref, "ref");
    requireNonNull(targetTypes, "targetTypes");
    try {
      Template t = find(ref);
      TemplateParts defaults = t.defaultVariant();
      List<List<String>> wanted = new ArrayList<>();
      if (targetTypes.isEmpty()) {
        defaults.parts().keySet().forEach(k -> wanted.add(List.of(k)));
      } else {
        List<ChannelType> types = new ArrayList<>(targetTypes);
        types.sort(Comparator.comparing(ChannelType::id));
        for (ChannelType type : types) {
          List<String> keys = keysFor(type);
          if (keys.stream().noneMatch(defaults.parts()::containsKey)) {
            throw noPart(t, t.defaultLocale(), type);
          }
          wanted.add(keys);
        }
      }
      for (List<String> keys : wanted) {
        renderPart(t, resolve(t, t.defaultLocale(), keys).orElseThrow(), ref.variables());
        if (ref.locale() != null) {
          Resolved r = resolve(t, ref.locale(), keys).orElseThrow();
          if (!r.locale.equals(t.defaultLocale())) {
            renderPart(t, r, ref.variables());
          }
        }
      }
    } catch (TemplateException e) {
      throw e.toInvalidNotification();
    }
  }

  /**
   * Renders the reference for one channel, on a dispatcher thread.
   *
   * @param ref the reference
   * @param type the channel type of the delivery
   * @param userLocale the recipient's locale, or {@code null} if unknown
   * @return the content for that channel
   * @throws TemplateException if the template is gone, has no part for the type, or the chosen
   *     variant lacks a variable; it names template, locale, part and variable
   */
  public Content render(TemplateRef ref, ChannelType type, @Nullable Locale userLocale) {
    requireNonNull(ref, "ref");
    requireNonNull(type, "type");
    Template t = find(ref);
    Locale requested = ref.locale() != null ? ref.locale() : userLocale;
    Resolved r = resolve(t, requested, keysFor(type))
        .orElseThrow(() -> noPart(t, t.defaultLocale(), type));
    return renderPart(t, r, ref.variables());
  }

  /**
   * Compiles every source of a template now, e.g. when a client is built over a store loaded from
   * files, so a syntax error is found at start rather than at the first send.
   *
   * @param template the template to compile
   * @throws TemplateException naming the first source that does not compile
   */
  public void precompile(Template template) {
    requireNonNull(template, "template");
    template.variants().forEach((locale, parts) -> parts.parts().forEach((key, part) ->
        part.fields().forEach((name, source) ->
            compile(template, locale, key + "." + name, source, name.equals("html")))));
  }

  private Template find(TemplateRef ref) {
    return store.find(ref.id()).orElseThrow(
        () -> new TemplateException(ref.id(), null, null, null, "unknown template '" + ref.id()
            + "'"));
  }

  private static List<String> keysFor(ChannelType type) {
    return type.id().equals(type.family()) ? List.of(type.id()) : List.of(type.id(), type.family());
  }

  private static Optional<Resolved> resolve(Template t, @Nullable Locale requested,
      List<String> keys) {
    for (Locale l : LocaleFallback.chain(requested, t.defaultLocale())) {
      TemplateParts variant = t.variants().get(l);
      if (variant == null) {
        continue;
      }
      for (String key : keys) {
        TemplateParts.Part part = variant.parts().get(key);
        if (part != null) {
          return Optional.of(new Resolved(l, key, part));
        }
      }
    }
    return Optional.empty();
  }

  private static TemplateException noPart(Template t, Locale locale, ChannelType type) {
    List<String> keys = keysFor(type);
    return new TemplateException(t.id(), locale, type.id(), null, "no part for channel type '"
        + type.id() + "' (looked for " + String.join(" and ", keys) + "; the template has "
        + String.join(", ", t.variants().get(locale).parts().keySet()) + ")");
  }

  private Content renderPart(Template t, Resolved r, Map<String, Object> variables) {
    Map<String, String> out = new LinkedHashMap<>();
    Map<String, String> data = new LinkedHashMap<>();
    r.part.fields().forEach((name, source) -> {
      String field = r.key + "." + name;
      TemplateEngine.Compiled c = compile(t, r.locale, field, source, name.equals("html"));
      String text;
      try {
        text = c.render(variables);
      } catch (MissingVariableException e) {
        throw new TemplateException(t.id(), r.locale, field, e.variable(),
            "missing variable '" + e.variable() + "'");
      } catch (RuntimeException e) {
        throw new TemplateException(t.id(), r.locale, field, null, "rendering failed: " + e);
      }
      if (name.startsWith("data.")) {
        data.put(name.substring("data.".length()), text);
      } else {
        out.put(name, text);
      }
    });
    return new Content(out.get("title"), out.get("body"), data, out.get("subject"),
        out.get("text"), out.get("html"));
  }

  private TemplateEngine.Compiled compile(Template t, Locale locale, String field, String source,
      boolean html) {
    try {
      return compiled.get(new Source(source, html), s -> engine.compile(s.text, s.html));
    } catch (IllegalArgumentException e) {
      throw new TemplateException(t.id(), locale, field, null, e.getMessage());
    }
  }

  private record Source(String text, boolean html) {
  }

  private record Resolved(Locale locale, String key, TemplateParts.Part part) {
  }
}
