package dev.notify.spi.store;

import dev.notify.template.Template;
import java.util.Optional;

/**
 * Where templates are kept. The default, {@link dev.notify.inmemory.InMemoryTemplateStore}, loads them from
 * YAML files in a directory or on the classpath; implement this to keep them in a database or a
 * content service.
 *
 * <h2>Threading</h2>
 * {@link #find} is called on the caller's thread inside {@code send} (to validate a
 * {@link dev.notify.template.TemplateRef}) and on dispatcher threads (to render), concurrently, once per
 * notification. It may block briefly, but it is on the send path: a store backed by a remote
 * system should cache. The client caches compiled sources itself, keyed by their text, so a changed
 * template is picked up as soon as {@code find} returns it.
 */
public interface TemplateStore {

  /**
   * {@return the template, or empty if there is none with this id}
   *
   * @param id the template id
   */
  Optional<Template> find(String id);
}
