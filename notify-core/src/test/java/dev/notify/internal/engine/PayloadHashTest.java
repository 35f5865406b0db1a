package dev.notify.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.Notification;
import dev.notify.Priority;
import dev.notify.Recipient;
import org.junit.jupiter.api.Test;

class PayloadHashTest {
  private final Notification base = Notification.builder().id("n").to(Recipient.email("a@x.io"))
      .title("t").body("b").data("k", "v").build();

  @Test
  void sameContentRecipientsAndTargetsHashTheSame() {
    Notification copy = base.toBuilder().priority(Priority.HIGH).metadata("m", "1").build();
    assertThat(PayloadHash.of(copy)).isEqualTo(PayloadHash.of(base));
  }

  @Test
  void anyChangeOfContentRecipientOrTargetChangesTheHash() {
    String h = PayloadHash.of(base);
    assertThat(PayloadHash.of(base.toBuilder().body("B").build())).isNotEqualTo(h);
    assertThat(PayloadHash.of(base.toBuilder().data("k", "w").build())).isNotEqualTo(h);
    assertThat(PayloadHash.of(base.toBuilder().to(Recipient.email("b@x.io")).build()))
        .isNotEqualTo(h);
    assertThat(PayloadHash.of(base.toBuilder().viaChannel("email").build())).isNotEqualTo(h);
  }

  @Test
  void fieldBoundariesCannotBeConfused() {
    Notification a = Notification.builder().id("n").to(Recipient.email("a@x.io")).title("ab")
        .body("c").build();
    Notification b = Notification.builder().id("n").to(Recipient.email("a@x.io")).title("a")
        .body("bc").build();
    assertThat(PayloadHash.of(a)).isNotEqualTo(PayloadHash.of(b));
  }
}
