package dev.notify.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StatsTest {
  @Test
  void medianOfAnOddCountIsTheMiddleValueWhateverTheOrder() {
    assertThat(Stats.median(new double[] {9, 1, 5})).isEqualTo(5);
  }

  @Test
  void medianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
    assertThat(Stats.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
  }

  @Test
  void medianDoesNotReorderItsInput() {
    double[] values = {3, 1, 2};
    Stats.median(values);
    assertThat(values).containsExactly(3, 1, 2);
  }

  @Test
  void medianOfNothingIsRefused() {
    assertThatThrownBy(() -> Stats.median(new double[0]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no values");
  }

  @Test
  void ratiosArePairedRoundByRound() {
    assertThat(Stats.ratios(new double[] {50, 90, 30}, new double[] {100, 100, 60}))
        .containsExactly(0.5, 0.9, 0.5);
    assertThat(Stats.median(Stats.ratios(new double[] {50, 90, 30},
        new double[] {100, 100, 60}))).isEqualTo(0.5);
  }

  @Test
  void ratiosNeedAsManyRoundsOnEachSide() {
    assertThatThrownBy(() -> Stats.ratios(new double[] {1, 2}, new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 and 1");
  }

  @Test
  void aZeroBaselineGivesNoRatioRatherThanInfinity() {
    assertThat(Stats.ratios(new double[] {1}, new double[] {0})[0]).isNaN();
  }

  @Test
  void minAndMaxAreTheExtremes() {
    assertThat(Stats.min(new double[] {3, -1, 2})).isEqualTo(-1);
    assertThat(Stats.max(new double[] {3, -1, 2})).isEqualTo(3);
  }
}
