package dev.notify.coretests;

import static com.tngtech.archunit.lang.conditions.ArchConditions.haveAnyDependenciesThat;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.PackageMatchers;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The engine ({@code dev.notify.internal..}) is not API. Checked on the bytecode of every module
 * on this module's test class path (notify-core, notify-testkit, notify-apns, the examples, the
 * benchmarks and these tests), so a fully qualified reference counts as much as an import.
 */
@AnalyzeClasses(packages = "dev.notify")
class ArchitectureTest {

  private static final String ENGINE = "dev.notify.internal..";
  private static final PackageMatchers ENGINE_MATCHER = PackageMatchers.of(ENGINE);

  /**
   * notify-core's packages other than the engine: the API and the SPI. A class in any other
   * package belongs to another module, however new. The list must match notify-core exactly
   * ({@link #theCorePackagesAreTheOnesListed}), so a package added to core is added here, and
   * another module cannot slip into one of these packages.
   */
  private static final List<String> CORE_API_AND_SPI = List.of(
      "dev.notify",
      "dev.notify.event",
      "dev.notify.status",
      "dev.notify.policy",
      "dev.notify.recipient",
      "dev.notify.template",
      "dev.notify.inmemory",
      "dev.notify.bucket4j",
      "dev.notify.spi",
      "dev.notify.spi.log",
      "dev.notify.spi.codec",
      "dev.notify.spi.store");

  /**
   * The places where the API reaches into the engine, by top-level class, each with the engine
   * classes (and their nested types) it may use. Anything else is a new dependency on the engine
   * and fails {@link #theApiAndSpiDependOnTheEngineOnlyWhereTheyAssembleIt}.
   */
  private static final Map<String, Set<String>> ASSEMBLY_POINTS = Map.of(
      // The builder is the engine's front door: it collects what is set in the engine's
      // Settings, finds ServiceLoader channels with ChannelDiscovery, and build() starts the
      // Engine from an EngineConfig of those settings.
      "dev.notify.NotificationClientBuilder",
      Set.of("dev.notify.internal.engine.Settings", "dev.notify.internal.engine.ChannelDiscovery",
          "dev.notify.internal.engine.Engine", "dev.notify.internal.engine.EngineConfig"),
      // The public Bucket4j store wraps any Bucket4j ProxyManager; the bucket arithmetic it
      // shares with the in-process store lives in the engine's rate-limit package.
      "dev.notify.bucket4j.Bucket4jRateLimitStore",
      Set.of("dev.notify.internal.ratelimit.Buckets"));

  @ArchTest
  static final ArchRule nothingOutsideCoreDependsOnTheEngine = noClasses()
      .that().resideOutsideOfPackages(corePackages())
      .should().dependOnClassesThat().resideInAPackage(ENGINE)
      .because("the engine is not API: other modules (channels, the testkit, the examples, the"
          + " benchmarks, these tests) use notify-core's API and SPI only");

  @ArchTest
  static final ArchRule theApiAndSpiDependOnTheEngineOnlyWhereTheyAssembleIt = noClasses()
      .that().resideInAnyPackage(CORE_API_AND_SPI.toArray(String[]::new))
      .should(haveAnyDependenciesThat(intoTheEngineOutsideTheAssemblyPoints()))
      .because("the API and SPI must stay usable and documentable without the engine; the"
          + " assembly points, and the engine classes each may use, are listed in"
          + " ArchitectureTest.ASSEMBLY_POINTS");

  /** Guards the two rules against passing on nothing: every module's classes were imported. */
  @ArchTest
  static void theRulesSeeEveryModule(JavaClasses classes) {
    Set<String> packages = classes.stream().map(JavaClass::getPackageName)
        .collect(Collectors.toSet());
    for (String module : List.of("dev.notify.internal", "dev.notify.spi", "dev.notify.testkit",
        "dev.notify.apns", "dev.notify.email", "dev.notify.fcm", "dev.notify.sms",
        "dev.notify.jdbc", "dev.notify.examples", "dev.notify.bench", "dev.notify.coretests")) {
      assertThat(packages).as("packages imported for the architecture rules")
          .anyMatch(p -> p.equals(module) || p.startsWith(module + "."));
    }
  }

  /**
   * notify-core's classes (those loaded from the same jar or folder as NotificationClient) lie in
   * exactly the listed packages, and no other module's class does.
   */
  @ArchTest
  static void theCorePackagesAreTheOnesListed(JavaClasses classes) {
    String core = root(classes.get("dev.notify.NotificationClient"));
    PackageMatchers listed = PackageMatchers.of(corePackages());
    Set<String> inCore = new TreeSet<>();
    Set<String> intruders = new TreeSet<>();
    for (JavaClass c : classes) {
      boolean fromCore = core.equals(root(c));
      if (fromCore) {
        inCore.add(ENGINE_MATCHER.test(c.getPackageName()) ? ENGINE : c.getPackageName());
      } else if (listed.test(c.getPackageName())) {
        intruders.add(c.getName() + " (from " + root(c) + ")");
      }
    }
    assertSoftly(softly -> {
      softly.assertThat(inCore)
          .as("notify-core's packages (%s); CORE_API_AND_SPI lists the API and SPI ones", core)
          .containsExactlyInAnyOrderElementsOf(Arrays.asList(corePackages()));
      softly.assertThat(intruders).as("classes of other modules in notify-core's packages")
          .isEmpty();
    });
  }

  private static String[] corePackages() {
    return Stream.concat(CORE_API_AND_SPI.stream(), Stream.of(ENGINE)).toArray(String[]::new);
  }

  private static DescribedPredicate<Dependency> intoTheEngineOutsideTheAssemblyPoints() {
    return DescribedPredicate.describe("go into " + ENGINE + " other than at the assembly points",
        d -> {
          JavaClass target = d.getTargetClass().getBaseComponentType();
          if (!ENGINE_MATCHER.test(target.getPackageName())) {
            return false;
          }
          Set<String> allowed =
              ASSEMBLY_POINTS.getOrDefault(topLevel(d.getOriginClass()), Set.of());
          return !allowed.contains(topLevel(target));
        });
  }

  private static String topLevel(JavaClass c) {
    String name = c.getName();
    int nested = name.indexOf('$');
    return nested < 0 ? name : name.substring(0, nested);
  }

  /** The jar or class folder a class was read from. */
  private static String root(JavaClass c) {
    String uri = c.getSource().orElseThrow(() -> new IllegalStateException("no source: " + c))
        .getUri().toString();
    String file = c.getName().replace('.', '/') + ".class";
    assertThat(uri).endsWith(file);
    return uri.substring(0, uri.length() - file.length());
  }
}
