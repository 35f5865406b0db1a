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

  private final int maxChars;

  /** Creates the engine with no bound on what a template renders to beyond memory. */
  public MustacheTemplateEngine() {
    this(Integer.MAX_VALUE);
  }

  /**
   * Creates the engine.
   *
   * @param maxChars the longest text one render may produce: rendering stops there with an
   *     error, so nested sections over large lists cannot take the caller's thread for seconds
   */
  public MustacheTemplateEngine(int maxChars) {
    if (maxChars <= 0) {
      throw new IllegalArgumentException("maxChars must be positive: " + maxChars);
    }
    this.maxChars = maxChars;
  }

  /** Stops a render that grows past the bound, as soon as it does. */
  private static final class BoundedWriter extends java.io.Writer {
    private final StringBuilder out = new StringBuilder();
    private final int max;

    BoundedWriter(int max) {
      this.max = max;
    }

    @Override
    public void write(char[] cbuf, int off, int len) {
      if (out.length() + (long) len > max) {
        throw new IllegalArgumentException("renders to more than " + max + " characters"
            + " (Limits.maxRenderedChars)");
      }
      out.append(cbuf, off, len);
    }

    @Override
    public void write(String str, int off, int len) {
      if (out.length() + (long) len > max) {
        throw new IllegalArgumentException("renders to more than " + max + " characters"
            + " (Limits.maxRenderedChars)");
      }
      out.append(str, off, off + len);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
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
        BoundedWriter out = new BoundedWriter(maxChars);
        t.execute(variables, out);
        return out.out.toString();
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
