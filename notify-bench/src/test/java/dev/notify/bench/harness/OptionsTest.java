package dev.notify.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class OptionsTest {
  @Test
  void noArgumentsRunEverythingAtFullSize() {
    Options o = Options.parse();
    assertThat(o.quick()).isFalse();
    assertThat(Options.SCENARIOS).allMatch(o::runs);
    assertThat(o.size(200_000, 3_000)).isEqualTo(200_000);
    assertThat(o.out()).isEqualTo(Path.of("bench", "results"));
  }

  @Test
  void quickAndOnlySelectSmokeSizesAndScenarios() {
    Options o = Options.parse("--quick", "--only", "apns,email", "--out", "/tmp/x", "--commit",
        "abc");
    assertThat(o.quick()).isTrue();
    assertThat(o.size(200_000, 3_000)).isEqualTo(3_000);
    assertThat(o.runs("apns")).isTrue();
    assertThat(o.runs("email")).isTrue();
    assertThat(o.runs("pipeline")).isFalse();
    assertThat(o.out()).isEqualTo(Path.of("/tmp/x"));
    assertThat(o.commit()).isEqualTo("abc");
  }

  @Test
  void anUnknownScenarioIsNamedWithTheOnesThatExist() {
    assertThatThrownBy(() -> Options.parse("--only", "pipeline,sms"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'sms'").hasMessageContaining("pipeline,apns,email");
  }

  @Test
  void anUnknownOptionOrAMissingValueIsRefused() {
    assertThatThrownBy(() -> Options.parse("--fast"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'--fast'");
    assertThatThrownBy(() -> Options.parse("--only"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--only needs a value");
  }
}
