package dev.notify.inmemory;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.notify.template.Template;
import dev.notify.template.TemplateParts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Reads templates from YAML files laid out one directory per template:
 *
 * <pre>
 * templates/
 *   order-shipped/
 *     template.yaml      defaultLocale: en        (optional with a single locale file)
 *     en.yaml            push: {title: …, body: …, data: {orderId: "{{orderId}}"}}
 *     ko.yaml            sms: {body: …}
 *     ko-KR.yaml         email: {subject: …, text: …, html: …}
 * </pre>
 *
 * The directory name is the template id; every other {@code .yaml}/{@code .yml} file is a locale
 * variant named by its BCP 47 tag, holding the parts by key (see {@link TemplateParts}).
 * {@code template.yaml} declares the default locale; it may be left out when there is exactly one
 * locale file. Other files are ignored. Unknown keys are errors, so a typo never silently drops a
 * part. Parsed with Jackson's YAML format.
 */
final class YamlTemplateLoader {
  private static final String META = "template";
  private static final ObjectMapper YAML = YAMLMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private YamlTemplateLoader() {
  }

  /**
   * {@return the templates, sorted by id}
   *
   * @param root a directory holding one directory per template
   * @throws IllegalArgumentException if a file is malformed, naming the file and the problem
   * @throws UncheckedIOException if the directory cannot be read
   */
  public static List<Template> loadDirectory(Path root) {
    requireNonNull(root, "root");
    if (!Files.isDirectory(root)) {
      throw new IllegalArgumentException("template directory does not exist: " + root);
    }
    List<Template> templates = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(root)) {
      for (Path dir : (Iterable<Path>) dirs.sorted()::iterator) {
        if (Files.isDirectory(dir)) {
          templates.add(loadTemplate(dir));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read template directory " + root, e);
    }
    return templates;
  }

  /**
   * Loads every template under a classpath directory, from directories and from jars.
   *
   * @param classLoader where to look
   * @param root the resource directory, e.g. {@code "templates"}
   * @return the templates, sorted by id
   * @throws IllegalArgumentException if nothing is found at {@code root}, if two classpath entries
   *     define the same template id, or if a file is malformed
   */
  public static List<Template> loadClasspath(ClassLoader classLoader, String root) {
    requireNonNull(classLoader, "classLoader");
    requireNonNull(root, "root");
    String dir = root.replaceAll("^/+|/+$", "");
    Map<String, Template> byId = new TreeMap<>();
    Map<String, URL> origin = new LinkedHashMap<>();
    try {
      Enumeration<URL> urls = classLoader.getResources(dir);
      for (URL url : Collections.list(urls)) {
        for (Template t : loadUrl(url)) {
          URL earlier = origin.putIfAbsent(t.id(), url);
          if (earlier != null) {
            throw new IllegalArgumentException("template '" + t.id() + "' is defined twice on the "
                + "classpath: in " + earlier + " and in " + url);
          }
          byId.put(t.id(), t);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read classpath templates at " + dir, e);
    }
    if (origin.isEmpty()) {
      throw new IllegalArgumentException("no templates found on the classpath at '" + dir + "'");
    }
    return new ArrayList<>(byId.values());
  }

  private static List<Template> loadUrl(URL url) throws IOException {
    switch (url.getProtocol()) {
      case "file":
        try {
          return loadDirectory(Path.of(url.toURI()));
        } catch (URISyntaxException e) {
          throw new IllegalArgumentException("bad classpath URL " + url, e);
        }
      case "jar":
        URLConnection c = url.openConnection();
        if (!(c instanceof JarURLConnection)) {
          throw new IllegalArgumentException("cannot list templates in " + url);
        }
        JarURLConnection jar = (JarURLConnection) c;
        Path jarPath;
        try {
          jarPath = Path.of(jar.getJarFileURL().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
          throw new IllegalArgumentException("cannot list templates in " + url
              + "; load them with InMemoryTemplateStore.fromDirectory or put() instead", e);
        }
        try (FileSystem fs = FileSystems.newFileSystem(jarPath)) {
          return loadDirectory(fs.getPath(jar.getEntryName()));
        }
      default:
        throw new IllegalArgumentException("cannot list templates in " + url + " (protocol "
            + url.getProtocol() + "); load them with InMemoryTemplateStore.fromDirectory or put()");
    }
  }

  static Template loadTemplate(Path dir) throws IOException {
    String id = fileName(dir);
    Map<Locale, TemplateParts> variants = new LinkedHashMap<>();
    Locale declaredDefault = null;
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(Files::isRegularFile).filter(p -> baseName(p) != null).sorted().toList();
    }
    for (Path file : files) {
      String base = baseName(file);
      if (base.equals(META)) {
        declaredDefault = readMeta(id, file);
      } else {
        Locale locale = localeOf(id, file, base);
        if (variants.put(locale, readVariant(id, file)) != null) {
          throw new IllegalArgumentException(where(id, file) + "a second file for locale "
              + locale.toLanguageTag());
        }
      }
    }
    if (variants.isEmpty()) {
      throw new IllegalArgumentException("template '" + id + "' in " + dir
          + " has no locale files (e.g. en.yaml)");
    }
    Locale defaultLocale = declaredDefault;
    if (defaultLocale == null) {
      if (variants.size() > 1) {
        throw new IllegalArgumentException("template '" + id + "' in " + dir + " has "
            + variants.size() + " locales; declare the default in template.yaml, e.g. "
            + "'defaultLocale: en'");
      }
      defaultLocale = variants.keySet().iterator().next();
    }
    try {
      return new Template(id, defaultLocale, variants);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("in " + dir + ": " + e.getMessage(), e);
    }
  }

  private static Locale readMeta(String id, Path file) throws IOException {
    Meta meta = read(id, file, new TypeReference<Meta>() { });
    if (meta == null || meta.defaultLocale() == null) {
      throw new IllegalArgumentException(where(id, file) + "missing 'defaultLocale'");
    }
    return parseTag(id, file, meta.defaultLocale());
  }

  private static TemplateParts readVariant(String id, Path file) throws IOException {
    Map<String, PartYaml> raw = read(id, file, new TypeReference<Map<String, PartYaml>>() { });
    if (raw == null || raw.isEmpty()) {
      throw new IllegalArgumentException(where(id, file) + "the file has no parts");
    }
    Map<String, TemplateParts.Part> parts = new LinkedHashMap<>();
    raw.forEach((key, p) -> {
      if (p == null) {
        throw new IllegalArgumentException(where(id, file) + "part '" + key + "' is empty");
      }
      parts.put(key, new TemplateParts.Part(p.title(), p.body(), p.data(), p.subject(), p.text(),
          p.html()));
    });
    try {
      return new TemplateParts(parts);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where(id, file) + e.getMessage(), e);
    }
  }

  private static <T> @Nullable T read(String id, Path file, TypeReference<T> type)
      throws IOException {
    try (var in = Files.newInputStream(file)) {
      return YAML.readValue(in, type);
    } catch (UnrecognizedPropertyException e) {
      throw new IllegalArgumentException(where(id, file) + "unknown field '" + e.getPropertyName()
          + "' at " + path(e) + "; known fields: " + e.getKnownPropertyIds(), e);
    } catch (JsonMappingException e) {
      throw new IllegalArgumentException(where(id, file) + e.getOriginalMessage()
          + (e.getPath().isEmpty() ? "" : " at " + path(e)), e);
    } catch (JsonProcessingException e) {
      String at = e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ")" : "";
      throw new IllegalArgumentException(where(id, file) + e.getOriginalMessage() + at, e);
    }
  }

  private static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      sb.append(sb.length() > 0 ? "." : "")
          .append(r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]");
    }
    return sb.toString();
  }

  private static Locale localeOf(String id, Path file, String base) {
    return parseTag(id, file, base.replace('_', '-'));
  }

  private static Locale parseTag(String id, Path file, String tag) {
    Locale l = Locale.forLanguageTag(tag);
    // BCP 47 allows 5-8 letter languages, but none is in use; "default" or "english" is a mistake
    if (l.getLanguage().length() < 2 || l.getLanguage().length() > 3
        || !l.toLanguageTag().equalsIgnoreCase(tag)) {
      throw new IllegalArgumentException(where(id, file) + "'" + tag
          + "' is not a BCP 47 language tag such as en, ko or ko-KR");
    }
    return l;
  }

  private static String where(String id, Path file) {
    return "template '" + id + "', " + fileName(file) + ": ";
  }

  /** @return the name without .yaml/.yml, or null for other files */
  private static @Nullable String baseName(Path p) {
    String n = fileName(p);
    if (n.endsWith(".yaml")) {
      return n.substring(0, n.length() - 5);
    }
    if (n.endsWith(".yml")) {
      return n.substring(0, n.length() - 4);
    }
    return null;
  }

  private static String fileName(Path p) {
    // a zip file system's directory names end with '/'
    return p.getFileName().toString().replaceAll("/+$", "");
  }

  /** template.yaml */
  record Meta(@Nullable String defaultLocale) {
  }

  /** One part in a locale file; the fields mirror {@link TemplateParts.Part}. */
  record PartYaml(@Nullable String title, @Nullable String body,
      @Nullable Map<String, String> data, @Nullable String subject, @Nullable String text,
      @Nullable String html) {
  }
}
