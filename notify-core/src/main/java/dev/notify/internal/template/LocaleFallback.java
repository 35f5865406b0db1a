package dev.notify.internal.template;

import java.util.ArrayList;
import java.util.IllformedLocaleException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The locales to try for a requested one, most specific first, ending with the template's default:
 * {@code ko-Kore-KR-x} → {@code ko-Kore-KR} → {@code ko-Kore} → {@code ko-KR} → {@code ko} →
 * default. Extensions (e.g. {@code -u-ca-buddhist}) are dropped first.
 */
final class LocaleFallback {
  private LocaleFallback() {
  }

  static List<Locale> chain(@Nullable Locale requested, Locale defaultLocale) {
    Set<Locale> chain = new LinkedHashSet<>();
    if (requested != null && !requested.getLanguage().isEmpty()) {
      String lang = requested.getLanguage();
      String script = requested.getScript();
      String region = requested.getCountry();
      String variant = requested.getVariant();
      chain.add(requested);
      addIfWellFormed(chain, lang, script, region, variant);
      addIfWellFormed(chain, lang, script, region, "");
      addIfWellFormed(chain, lang, script, "", "");
      addIfWellFormed(chain, lang, "", region, "");
      addIfWellFormed(chain, lang, "", "", "");
    }
    chain.add(defaultLocale);
    return new ArrayList<>(chain);
  }

  private static void addIfWellFormed(Set<Locale> chain, String lang, String script,
      String region, String variant) {
    try {
      chain.add(new Locale.Builder().setLanguage(lang).setScript(script).setRegion(region)
          .setVariant(variant).build());
    } catch (IllformedLocaleException e) {
      // a legacy locale such as ja_JP_JP: its variant is not BCP 47; the shorter forms still apply
    }
  }
}
