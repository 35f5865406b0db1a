package dev.notify.spi.store;

import java.util.Map;

/**
 * Compiles template sources and renders them. The default is Mustache (jmustache): {@code {{name}}}
 * inserts a variable, {@code {{#items}}…{{/items}}} repeats or conditions a section. Implement this
 * to use another syntax.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>Rendering is strict: a variable written in the template and absent from (or null in) the
 *       variables throws {@link MissingVariableException}. It never renders an empty string or the
 *       placeholder itself. (A missing <em>section</em> may count as false, so optional content is
 *       written as a section.)</li>
 *   <li>HTML escaping happens only when the source was compiled with {@code escapeHtml} true,
 *       which the client does for the email {@code html} field alone.</li>
 * </ul>
 *
 * <h2>Threading</h2>
 * {@link #compile} is called on the thread that first needs a source: the caller's thread inside
 * {@code send} (validation) or a dispatcher thread (rendering). The client caches the result and
 * shares it, so {@link Compiled#render} is called concurrently from any of those threads and must
 * be thread-safe. Neither may block or do I/O.
 */
public interface TemplateEngine {

  /**
   * Compiles one template source.
   *
   * @param source the source, e.g. {@code "Hello {{name}}"}
   * @param escapeHtml true to HTML-escape inserted values (email html only)
   * @return the compiled form, immutable and thread-safe
   * @throws IllegalArgumentException if the source does not compile; the message says where
   */
  Compiled compile(String source, boolean escapeHtml);

  /** A compiled template source. */
  interface Compiled {

    /**
     * {@return the rendered text}
     *
     * @param variables the values, by name; never null
     * @throws MissingVariableException if the source uses a variable that has no value
     */
    String render(Map<String, ?> variables);
  }
}
