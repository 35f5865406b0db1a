package dev.notify.internal.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class LocaleFallbackTest {

  @Test
  void regionFallsBackToLanguageThenToTheDefault() {
    assertThat(LocaleFallback.chain(Locale.forLanguageTag("ko-KR"), Locale.ENGLISH))
        .containsExactly(Locale.forLanguageTag("ko-KR"), Locale.KOREAN, Locale.ENGLISH);
  }

  @Test
  void scriptAndExtensionsAreDroppedStepByStep() {
    assertThat(LocaleFallback.chain(Locale.forLanguageTag("zh-Hant-TW-u-ca-chinese"),
        Locale.ENGLISH))
        .containsExactly(Locale.forLanguageTag("zh-Hant-TW-u-ca-chinese"),
            Locale.forLanguageTag("zh-Hant-TW"), Locale.forLanguageTag("zh-Hant"),
            Locale.forLanguageTag("zh-TW"), Locale.forLanguageTag("zh"), Locale.ENGLISH);
  }

  @Test
  void noLocaleMeansTheDefault() {
    assertThat(LocaleFallback.chain(null, Locale.ENGLISH)).containsExactly(Locale.ENGLISH);
    assertThat(LocaleFallback.chain(Locale.ROOT, Locale.ENGLISH)).containsExactly(Locale.ENGLISH);
  }

  @Test
  void aLegacyVariantDoesNotBreakTheChain() {
    assertThat(LocaleFallback.chain(new Locale("ja", "JP", "JP"), Locale.ENGLISH))
        .contains(Locale.JAPAN, Locale.JAPANESE, Locale.ENGLISH);
  }
}
