package dev.notify.apns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApnsOptionsTest {

  @Test
  void defaultsSetNothing() {
    ApnsOptions options = ApnsOptions.ofDefaults();

    assertThat(options.badge()).isNull();
    assertThat(options.pushType()).isNull();
    assertThat(options.customData()).isEmpty();
    assertThat(options.contentAvailable()).isFalse();
  }

  @Test
  void aNegativeBadgeIsRejectedShowingTheValue() {
    assertThatThrownBy(() -> ApnsOptions.builder().badge(-1).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
  }

  @Test
  void aCollapseIdOver64BytesIsRejected() {
    assertThatThrownBy(() -> ApnsOptions.builder().collapseId("c".repeat(65)).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("64");
  }

  @Test
  void theApsKeyIsReservedInCustomData() {
    assertThatThrownBy(() -> ApnsOptions.builder().customData("aps", "x").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("aps");
  }

  @Test
  void customDataMustBeJson() {
    assertThatThrownBy(() -> ApnsOptions.builder().customData("when", new Object()).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("customData.when");
  }

  @Test
  void customDataIsCopied() {
    List<Object> list = new ArrayList<>(List.of(1, 2));
    ApnsOptions options = ApnsOptions.builder().customData("list", list).build();
    list.add(3);

    assertThat(options.customData()).isEqualTo(Map.of("list", List.of(1, 2)));
  }

  @Test
  void toStringHidesTheSubtitleAndCustomValues() {
    String text = ApnsOptions.builder().subtitle("Secret plans").customData("ssn", "123")
        .build().toString();

    assertThat(text).doesNotContain("Secret plans", "123").contains("ssn");
  }

  @Test
  void toBuilderDerivesACopy() {
    ApnsOptions base = ApnsOptions.builder().badge(1).sound("default").build();

    assertThat(base.toBuilder().badge(2).build())
        .isEqualTo(ApnsOptions.builder().badge(2).sound("default").build());
  }
}
