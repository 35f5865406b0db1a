package dev.notify.template;

import static java.util.Objects.requireNonNull;

import dev.notify.inmemory.InMemoryTemplateStore;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A stored template: an id, a default locale, and for each locale the {@link TemplateParts} per
 * channel kind. Immutable. Usually loaded from YAML files by
 * {@link InMemoryTemplateStore#fromDirectory(java.nio.file.Path)} or
 * {@link InMemoryTemplateStore#fromClasspath(String)}; built in code like this:
 *
 * <pre>{@code
 * Template t = Template.builder("order-shipped", Locale.ENGLISH)
 *     .variant(Locale.ENGLISH, TemplateParts.builder()
 *         .push("Shipped", "Hi {{name}}, order {{orderId}} is on its way.")
 *         .email("Order {{orderId}} shipped", "Hi {{name}}, ...", "<p>Hi {{name}}, ...</p>")
 *         .build())
 *     .variant(Locale.KOREAN, TemplateParts.builder().push("배송 시작", "{{name}}님, ...").build())
 *     .build();
 * }</pre>
 *
 * @param id the template id
 * @param defaultLocale the locale used when no better variant exists; must have a variant
 * @param variants the parts per locale (unmodifiable, in the order given)
 */
public record Template(String id, Locale defaultLocale, Map<Locale, TemplateParts> variants) {

  /**
   * Rejects a blank id, a missing default variant, and nulls; copies the variants.
   *
   * @param id the template id
   * @param defaultLocale the locale used when no better variant exists; must have a variant
   * @param variants the parts per locale (unmodifiable, in the order given)
   */
  public Template {
    requireNonNull(id, "id");
    requireNonNull(defaultLocale, "defaultLocale");
    requireNonNull(variants, "variants");
    if (id.isBlank()) {
      throw new IllegalArgumentException("template id must not be blank");
    }
    Map<Locale, TemplateParts> copy = new LinkedHashMap<>();
    variants.forEach((locale, parts) -> copy.put(requireNonNull(locale, "locale"),
        requireNonNull(parts, "parts of " + locale.toLanguageTag())));
    if (!copy.containsKey(defaultLocale)) {
      throw new IllegalArgumentException("template '" + id + "' has no variant for its default locale "
          + defaultLocale.toLanguageTag() + "; it has " + tags(copy));
    }
    variants = Collections.unmodifiableMap(copy);
  }

  /**
   * {@return a builder for a template with this id and default locale}
   *
   * @param id the template id
   * @param defaultLocale the locale used when no better variant exists; must have a variant
   */
  public static Builder builder(String id, Locale defaultLocale) {
    return new Builder(id, defaultLocale);
  }

  /**
   * {@return the variant for exactly this locale, if there is one}
   *
   * @param locale the locale
   */
  public Optional<TemplateParts> variant(Locale locale) {
    return Optional.ofNullable(variants.get(locale));
  }

  /** {@return the default locale's variant} */
  public TemplateParts defaultVariant() {
    return variants.get(defaultLocale);
  }

  private static String tags(Map<Locale, ?> m) {
    StringBuilder sb = new StringBuilder("[");
    for (Locale l : m.keySet()) {
      sb.append(sb.length() > 1 ? ", " : "").append(l.toLanguageTag());
    }
    return sb.append(']').toString();
  }

  @Override
  public String toString() {
    return "Template[id=" + id + ", defaultLocale=" + defaultLocale.toLanguageTag() + ", locales="
        + tags(variants) + "]";
  }

  /** Builds a {@link Template}. Not thread-safe. */
  public static final class Builder {
    private final String id;
    private final Locale defaultLocale;
    private final Map<Locale, TemplateParts> variants = new LinkedHashMap<>();

    private Builder(String id, Locale defaultLocale) {
      this.id = requireNonNull(id, "id");
      this.defaultLocale = requireNonNull(defaultLocale, "defaultLocale");
    }

    /**
     * Adds the parts for one locale; replaces an earlier variant of the same locale.
     *
     * @param locale the variant's locale
     * @param parts the parts for that locale
     * @return this builder
     */
    public Builder variant(Locale locale, TemplateParts parts) {
      variants.put(requireNonNull(locale, "locale"), requireNonNull(parts, "parts"));
      return this;
    }

    /**
     * {@return the template}
     *
     * @throws IllegalArgumentException if the default locale has no variant
     */
    public Template build() {
      return new Template(id, defaultLocale, variants);
    }
  }
}
