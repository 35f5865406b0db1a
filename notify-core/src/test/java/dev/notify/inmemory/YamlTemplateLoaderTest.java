package dev.notify.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.ChannelType;
import dev.notify.template.Template;
import dev.notify.template.TemplateParts;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlTemplateLoaderTest {
  @TempDir
  Path dir;

  private void write(String relative, String yaml) throws IOException {
    Path p = dir.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, yaml);
  }

  @Test
  void loadsTemplatesFromATestResourcesDirectoryOnTheClasspath() {
    InMemoryTemplateStore store = InMemoryTemplateStore.fromClasspath("templates");

    Template shipped = store.find("order-shipped").orElseThrow();
    assertThat(shipped.defaultLocale()).isEqualTo(Locale.ENGLISH);
    assertThat(shipped.variants()).containsOnlyKeys(Locale.ENGLISH, Locale.KOREAN,
        Locale.forLanguageTag("ko-KR"));
    TemplateParts en = shipped.defaultVariant();
    assertThat(en.parts()).containsOnlyKeys("push", "sms", "email");
    assertThat(en.parts().get("push").data()).containsEntry("orderId", "{{orderId}}")
        .containsEntry("kind", "order");
    assertThat(en.partFor(ChannelType.FCM)).isPresent();
    assertThat(shipped.variant(Locale.forLanguageTag("ko-KR")).orElseThrow().keyFor(ChannelType.APNS))
        .contains("apns");

    // a .yml file, a single locale without template.yaml, and README.txt ignored
    Template welcome = store.find("welcome").orElseThrow();
    assertThat(welcome.defaultLocale()).isEqualTo(Locale.ENGLISH);
    assertThat(welcome.defaultVariant().parts()).containsOnlyKeys("email");
  }

  @Test
  void loadsTemplatesFromADirectory() throws IOException {
    write("reset/template.yaml", "defaultLocale: ko\n");
    write("reset/ko.yaml", "sms:\n  body: \"코드 {{code}}\"\n");
    write("reset/en-US.yaml", "sms:\n  body: \"Code {{code}}\"\n");
    write("notes.txt", "ignored: a file next to the template directories");

    List<Template> loaded = YamlTemplateLoader.loadDirectory(dir);

    assertThat(loaded).singleElement().satisfies(t -> {
      assertThat(t.id()).isEqualTo("reset");
      assertThat(t.defaultLocale()).isEqualTo(Locale.KOREAN);
      assertThat(t.variants()).containsOnlyKeys(Locale.KOREAN, Locale.US);
      assertThat(t.defaultVariant().parts().get("sms").body()).isEqualTo("코드 {{code}}");
    });
    assertThat(InMemoryTemplateStore.fromDirectory(dir).find("reset")).isPresent();
  }

  @Test
  void loadsTemplatesFromAJarOnTheClasspath() throws IOException {
    Path jar = dir.resolve("templates.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      entry(out, "mail/");
      entry(out, "mail/promo/");
      entry(out, "mail/promo/en.yaml", "email:\n  subject: Sale\n  html: \"<b>{{pct}}%</b>\"\n");
    }
    try (URLClassLoader cl = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
      InMemoryTemplateStore store = InMemoryTemplateStore.fromClasspath(cl, "mail");
      assertThat(store.find("promo").orElseThrow().defaultVariant().parts().get("email").html())
          .isEqualTo("<b>{{pct}}%</b>");
    }
  }

  private static void entry(JarOutputStream out, String name, String... content)
      throws IOException {
    out.putNextEntry(new JarEntry(name));
    for (String c : content) {
      ((OutputStream) out).write(c.getBytes(StandardCharsets.UTF_8));
    }
    out.closeEntry();
  }

  @Test
  void aTemplateDefinedInTwoClasspathEntriesIsAnError() throws IOException {
    write("a/tpl/x/en.yaml", "sms:\n  body: one\n");
    write("b/tpl/x/en.yaml", "sms:\n  body: two\n");
    URL[] roots = {dir.resolve("a").toUri().toURL(), dir.resolve("b").toUri().toURL()};
    try (URLClassLoader cl = new URLClassLoader(roots, null)) {
      assertThatThrownBy(() -> YamlTemplateLoader.loadClasspath(cl, "tpl"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("template 'x' is defined twice");
      assertThatThrownBy(() -> YamlTemplateLoader.loadClasspath(cl, "missing"))
          .hasMessageContaining("no templates found on the classpath at 'missing'");
    }
  }

  @Test
  void aMisspelledFieldIsAnErrorNamingTheFile() throws IOException {
    write("t/en.yaml", "email:\n  subjet: Hi\n  text: Hello\n");
    assertThatThrownBy(() -> YamlTemplateLoader.loadDirectory(dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("template 't', en.yaml: unknown field 'subjet' at email.subjet")
        .hasMessageContaining("subject");
  }

  @Test
  void aPartBreakingItsKeysRulesIsAnError() throws IOException {
    write("t/en.yaml", "sms:\n  title: Hi\n  body: Hello\n");
    assertThatThrownBy(() -> YamlTemplateLoader.loadDirectory(dir))
        .hasMessageContaining("template 't', en.yaml: the sms part may only have a body");
  }

  @Test
  void severalLocalesNeedADeclaredDefault() throws IOException {
    write("t/en.yaml", "sms:\n  body: Hello\n");
    write("t/ko.yaml", "sms:\n  body: 안녕\n");
    assertThatThrownBy(() -> YamlTemplateLoader.loadDirectory(dir))
        .hasMessageContaining("has 2 locales; declare the default in template.yaml");
  }

  @Test
  void theDeclaredDefaultMustHaveAFile() throws IOException {
    write("t/template.yaml", "defaultLocale: fr\n");
    write("t/en.yaml", "sms:\n  body: Hello\n");
    assertThatThrownBy(() -> YamlTemplateLoader.loadDirectory(dir))
        .hasMessageContaining("no variant for its default locale fr");
  }

  @Test
  void aFileNameThatIsNotALanguageTagIsAnError() throws IOException {
    write("t/english.yaml", "sms:\n  body: Hello\n");
    assertThatThrownBy(() -> YamlTemplateLoader.loadDirectory(dir))
        .hasMessageContaining("'english' is not a BCP 47 language tag");
  }

  @Test
  void anEmptyLocaleFileIsAnError() throws IOException {
    write("t/en.yaml", "");
    assertThatThrownBy(() -> YamlTemplateLoader.loadDirectory(dir))
        .hasMessageContaining("template 't', en.yaml");
  }

  @Test
  void dataValuesMayBeYamlScalars() throws IOException {
    write("t/en.yaml", "push:\n  body: Hi\n  data:\n    count: 3\n    urgent: true\n");
    Template t = YamlTemplateLoader.loadDirectory(dir).get(0);
    assertThat(t.defaultVariant().parts().get("push").data())
        .isEqualTo(Map.of("count", "3", "urgent", "true"));
  }
}
