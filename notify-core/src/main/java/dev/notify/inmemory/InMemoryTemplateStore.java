package dev.notify.inmemory;

import static java.util.Objects.requireNonNull;

import dev.notify.spi.store.TemplateStore;
import dev.notify.template.Template;
import dev.notify.template.TemplateParts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A {@link TemplateStore} held in memory, filled in code or from YAML files. Thread-safe; templates
 * can be replaced while the client runs.
 *
 * <pre>{@code
 * TemplateStore templates = InMemoryTemplateStore.fromClasspath("templates");
 * }</pre>
 *
 * <h2>File layout</h2>
 * One directory per template, named by its id; in it one file per locale named by its BCP 47 tag
 * ({@code en.yaml}, {@code ko.yaml}, {@code ko-KR.yaml}) and a {@code template.yaml} declaring
 * {@code defaultLocale: en} (optional when there is a single locale file):
 *
 * <pre>
 * # templates/order-shipped/en.yaml
 * push:
 *   title: "Your order shipped"
 *   body: "Hi {{name}}, order {{orderId}} is on its way."
 *   data:
 *     orderId: "{{orderId}}"
 * sms:
 *   body: "Order {{orderId}} shipped."
 * email:
 *   subject: "Order {{orderId}} shipped"
 *   text: "Hi {{name}}, ..."
 *   html: "&lt;p&gt;Hi {{name}}, ...&lt;/p&gt;"
 * </pre>
 *
 * A part may also be keyed by a channel type id ({@code apns}, {@code fcm}, a custom type) to
 * override its family's part; see {@link TemplateParts}.
 */
public final class InMemoryTemplateStore implements TemplateStore {
  private final ConcurrentMap<String, Template> templates = new ConcurrentHashMap<>();

  /** An empty store. */
  public InMemoryTemplateStore() {
  }

  /**
   * Loads every template in a directory (one sub-directory per template).
   *
   * @param directory the directory holding one sub-directory per template
   * @return a store holding those templates
   * @throws IllegalArgumentException naming the file and the problem if a file is malformed
   * @throws java.io.UncheckedIOException if the directory cannot be read
   */
  public static InMemoryTemplateStore fromDirectory(Path directory) {
    requireNonNull(directory, "directory");
    InMemoryTemplateStore store = new InMemoryTemplateStore();
    YamlTemplateLoader.loadDirectory(directory).forEach(store::put);
    return store;
  }

  /**
   * Loads every template under a classpath directory (in directories or jars), using the thread's
   * context class loader, or this class's loader when there is none.
   *
   * @param root the resource directory, e.g. {@code "templates"}
   * @return a store holding those templates
   * @throws IllegalArgumentException if nothing is there, an id is defined twice, or a file is
   *     malformed
   */
  public static InMemoryTemplateStore fromClasspath(String root) {
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    return fromClasspath(cl != null ? cl : InMemoryTemplateStore.class.getClassLoader(), root);
  }

  /**
   * As {@link #fromClasspath(String)}, looking in {@code classLoader}.
   *
   * @param classLoader the class loader to look in
   * @param root the resource directory, e.g. {@code "templates"}
   * @return a store holding those templates
   */
  public static InMemoryTemplateStore fromClasspath(ClassLoader classLoader, String root) {
    InMemoryTemplateStore store = new InMemoryTemplateStore();
    YamlTemplateLoader.loadClasspath(classLoader, root).forEach(store::put);
    return store;
  }

  /**
   * Adds a template, replacing one with the same id.
   *
   * @param template the template
   * @return this store
   */
  public InMemoryTemplateStore put(Template template) {
    requireNonNull(template, "template");
    templates.put(template.id(), template);
    return this;
  }

  /**
   * {@return true if a template with this id was removed}
   *
   * @param id the template's id
   */
  public boolean remove(String id) {
    return templates.remove(requireNonNull(id, "id")) != null;
  }

  @Override
  public Optional<Template> find(String id) {
    return Optional.ofNullable(templates.get(requireNonNull(id, "id")));
  }

  /** {@return a snapshot of every template} */
  public Collection<Template> all() {
    return Collections.unmodifiableList(new ArrayList<>(templates.values()));
  }

  @Override
  public String toString() {
    return "InMemoryTemplateStore[" + templates.size() + " templates]";
  }
}
