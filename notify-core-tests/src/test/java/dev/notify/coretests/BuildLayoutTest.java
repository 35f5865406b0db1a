package dev.notify.coretests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * The build's module lists, read from the POMs of the checkout: the deployed modules are listed
 * once, in notify-bom (which the parent imports), and every module with classes is on this
 * module's test class path, where {@link ArchitectureTest} checks it.
 */
class BuildLayoutTest {
  private static final String GROUP = "dev.notify";

  /** The checkout's root: the parent of this module's folder, where Maven runs the tests. */
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  @Test
  void theBomListsEveryDeployedModuleAndNothingElse() throws Exception {
    Set<String> deployed = new TreeSet<>();
    for (Pom module : modules()) {
      if (module.isJar() && !module.skipsDeploy()) {
        deployed.add(module.artifactId());
      }
    }
    assertThat(deployed).as("deployed jar modules").contains("notify-core");

    Set<String> inBom = managedArtifacts(read(ROOT.resolve("notify-bom/pom.xml")));
    assertThat(inBom).as("notify-bom/pom.xml's dependencyManagement, against the deployed"
        + " modules (jar modules of the parent's <modules> without maven.deploy.skip)")
        .containsExactlyInAnyOrderElementsOf(deployed);
  }

  @Test
  void theParentImportsTheBomInsteadOfListingTheDeployedModules() throws Exception {
    Element parent = read(ROOT.resolve("pom.xml"));
    List<String> imports = new ArrayList<>();
    for (Element d : managedDependencies(parent)) {
      if ("import".equals(text(d, "scope"))) {
        imports.add(text(d, "artifactId"));
      }
    }
    assertThat(imports).as("BOMs the parent imports").contains("notify-bom");

    Set<String> listedAgain = managedArtifacts(parent);
    listedAgain.retainAll(managedArtifacts(read(ROOT.resolve("notify-bom/pom.xml"))));
    assertThat(listedAgain).as("modules the parent lists although notify-bom has them").isEmpty();
  }

  @Test
  void everyModuleWithClassesIsOnTheArchitectureTestsClassPath() throws Exception {
    Element self = read(ROOT.resolve("notify-core-tests/pom.xml"));
    Set<String> dependencies = new TreeSet<>();
    for (Element d : children(child(self, "dependencies"), "dependency")) {
      if (GROUP.equals(text(d, "groupId"))) {
        dependencies.add(text(d, "artifactId"));
      }
    }
    Set<String> missing = new TreeSet<>();
    for (Pom module : modules()) {
      if (module.isJar() && !module.artifactId().equals("notify-core-tests")
          && !dependencies.contains(module.artifactId())) {
        missing.add(module.artifactId());
      }
    }
    assertThat(missing).as("modules ArchitectureTest cannot see: add each to"
        + " notify-core-tests/pom.xml as a test dependency").isEmpty();
  }

  /** {@return the modules of the parent POM, in its order} */
  private static List<Pom> modules() throws Exception {
    Element parent = read(ROOT.resolve("pom.xml"));
    assertThat(text(parent, "artifactId")).as("the POM at %s", ROOT).isEqualTo("notify-parent");
    List<Pom> modules = new ArrayList<>();
    for (Element m : children(child(parent, "modules"), "module")) {
      Element pom = read(ROOT.resolve(m.getTextContent().trim()).resolve("pom.xml"));
      Element properties = child(pom, "properties");
      modules.add(new Pom(text(pom, "artifactId"),
          text(pom, "packaging") == null ? "jar" : text(pom, "packaging"),
          properties != null && "true".equals(text(properties, "maven.deploy.skip"))));
    }
    return modules;
  }

  /** {@return the artifactIds of our own group in a POM's dependencyManagement, imports not} */
  private static Set<String> managedArtifacts(Element pom) {
    Set<String> artifacts = new TreeSet<>();
    for (Element d : managedDependencies(pom)) {
      if (GROUP.equals(text(d, "groupId")) && !"import".equals(text(d, "scope"))) {
        artifacts.add(text(d, "artifactId"));
      }
    }
    return artifacts;
  }

  private static List<Element> managedDependencies(Element pom) {
    return children(child(child(pom, "dependencyManagement"), "dependencies"), "dependency");
  }

  private static Element read(Path pom) throws IOException, ParserConfigurationException,
      SAXException {
    assertThat(pom).as("a POM of the build").isRegularFile();
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    try (var in = Files.newInputStream(pom)) {
      return factory.newDocumentBuilder().parse(in).getDocumentElement();
    }
  }

  /** {@return the direct child elements of that name; none for a missing parent} */
  private static List<Element> children(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    if (parent == null) {
      return found;
    }
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        found.add(e);
      }
    }
    return found;
  }

  private static Element child(Element parent, String name) {
    List<Element> found = children(parent, name);
    return found.isEmpty() ? null : found.get(0);
  }

  private static String text(Element parent, String name) {
    Element e = child(parent, name);
    return e == null ? null : e.getTextContent().trim();
  }

  private record Pom(String artifactId, String packaging, boolean skipsDeploy) {
    boolean isJar() {
      return packaging.equals("jar");
    }
  }
}
