package dev.notify.template;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A reference to a stored template and the variables to render it with, in place of inline
 * content. The template is looked up in the client's {@link dev.notify.spi.store.TemplateStore}.
 *
 * <pre>{@code
 * TemplateRef ref = TemplateRef.of("order-shipped", Map.of("name", "Mina", "orderId", "1234"));
 * }</pre>
 *
 * <p>At {@code send} the template must exist, have a part for every targeted channel type, and
 * render in its default locale with these variables (and in {@code locale}, when that is given).
 * At dispatch it is rendered per channel in the locale chosen as follows: {@code locale} when set,
 * otherwise the recipient user's locale, otherwise the template's default locale; a locale the
 * template lacks falls back from {@code ko-KR} to {@code ko} to the default locale.
 *
 * @param id the template id, e.g. {@code "order-shipped"}
 * @param variables the values for the template's variables; values may be strings, numbers,
 *     booleans, lists (for sections) or nested maps, and should be immutable. Never null; a null
 *     argument becomes an empty map. Null values are rejected: a template never renders "null".
 * @param locale a locale that overrides the recipient's own, or {@code null} to use the recipient's
 */
public record TemplateRef(String id, Map<String, Object> variables, @Nullable Locale locale) {

  /**
   * Rejects a null or blank id and null variable names or values; copies the variables.
   *
   * @param id the template id, e.g. {@code "order-shipped"}
   * @param variables the values for the template's variables; values may be strings, numbers,
   *     booleans, lists (for sections) or nested maps, and should be immutable. Never null; a null
   *     argument becomes an empty map. Null values are rejected: a template never renders "null".
   * @param locale a locale that overrides the recipient's own, or {@code null} to use the
   *     recipient's
   */
  public TemplateRef {
    requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("template id must not be blank");
    }
    if (variables == null) {
      variables = Map.of();
    } else {
      Map<String, Object> copy = new LinkedHashMap<>();
      for (Map.Entry<String, Object> e : variables.entrySet()) {
        String name = requireNonNull(e.getKey(), "variable name");
        if (e.getValue() == null) {
          throw new IllegalArgumentException(
              "template '" + id + "': variable '" + name + "' must not be null");
        }
        copy.put(name, e.getValue());
      }
      variables = Collections.unmodifiableMap(copy);
    }
  }

  /**
   * {@return a reference without variables, rendered in the recipient's locale}
   *
   * @param id the template id, e.g. {@code "order-shipped"}
   */
  public static TemplateRef of(String id) {
    return new TemplateRef(id, Map.of(), null);
  }

  /**
   * {@return a reference rendered in the recipient's locale}
   *
   * @param id the template id, e.g. {@code "order-shipped"}
   * @param variables the values for the template's variables; values may be strings, numbers,
   *     booleans, lists (for sections) or nested maps, and should be immutable. Never null; a null
   *     argument becomes an empty map. Null values are rejected: a template never renders "null".
   */
  public static TemplateRef of(String id, Map<String, ?> variables) {
    return new TemplateRef(id, new LinkedHashMap<>(requireNonNull(variables, "variables")), null);
  }

  /**
   * {@return a copy rendered in {@code locale} whatever the recipient's locale is}
   *
   * @param locale a locale that overrides the recipient's own, or {@code null} to use the
   *     recipient's
   */
  public TemplateRef withLocale(Locale locale) {
    return new TemplateRef(id, variables, requireNonNull(locale, "locale"));
  }

  /** Variable values may be personal, so only their names are printed. */
  @Override
  public String toString() {
    return "TemplateRef[id=" + id + ", variables=" + variables.keySet()
        + (locale != null ? ", locale=" + locale.toLanguageTag() : "") + "]";
  }
}
