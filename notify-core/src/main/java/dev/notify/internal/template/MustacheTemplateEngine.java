package dev.notify.internal.template;

import static java.util.Objects.requireNonNull;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import dev.notify.spi.store.MissingVariableException;
import dev.notify.spi.store.TemplateEngine;
import dev.notify.template.Template;

/**
 * The default {@link TemplateEngine}, on jmustache. jmustache's default compiler is already strict
 * about variables (a missing or null value throws, naming the key); sections stay lenient so
 * optional content can be written as {@code {{#coupon}}…{{/coupon}}}.
 */
public final class MustacheTemplateEngine implements TemplateEngine {
  private final Mustache.Compiler html = Mustache.compiler().escapeHTML(true);
  private final Mustache.Compiler plain = Mustache.compiler().escapeHTML(false);

  /** Creates the engine; it holds no state beyond its two compilers. */
  public MustacheTemplateEngine() {
  }

  @Override
  public Compiled compile(String source, boolean escapeHtml) {
    requireNonNull(source, "source");
    com.samskivert.mustache.Template t;
    try {
      t = (escapeHtml ? html : plain).compile(source);
    } catch (MustacheException e) {
      throw new IllegalArgumentException("does not compile: " + e.getMessage(), e);
    }
    return variables -> {
      requireNonNull(variables, "variables");
      try {
        return t.execute(variables);
      } catch (MustacheException.Context e) {
        // jmustache reports a missing or null value by its key; nothing else raises Context
        throw new MissingVariableException(e.key);
      }
    };
  }

  @Override
  public String toString() {
    return "MustacheTemplateEngine";
  }
}
