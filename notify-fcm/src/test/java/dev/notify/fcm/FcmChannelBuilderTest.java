package dev.notify.fcm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.firebase.FirebaseApp;
import com.google.firebase.FirebaseOptions;
import dev.notify.fcm.testing.FcmPeerConnection;
import dev.notify.policy.RateLimit;
import dev.notify.spi.DeliveryResult;
import dev.notify.testkit.ManualChannelContext;
import dev.notify.testkit.fcm.FcmPeer;
import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The builder, the channel's own Firebase app, and the host's default app left alone. */
class FcmChannelBuilderTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private static List<String> appNames() {
    return FirebaseApp.getApps().stream().map(FirebaseApp::getName).toList();
  }

  @Test
  void theChannelMakesItsOwnNamedAppAndCloseDeletesIt() {
    try (FcmPeer peer = FcmPeer.start()) {
      FcmChannel channel = Messages.channel(peer).name("fcm-eu").build();
      assertThat(channel.firebaseAppName()).startsWith("notify-fcm-fcm-eu-")
          .isNotEqualTo(FirebaseApp.DEFAULT_APP_NAME);
      assertThat(appNames()).contains(channel.firebaseAppName())
          .doesNotContain(FirebaseApp.DEFAULT_APP_NAME);
      FcmChannel second = Messages.channel(peer).name("fcm-eu").build();
      assertThat(second.firebaseAppName()).isNotEqualTo(channel.firebaseAppName());

      channel.close();
      channel.close();
      assertThat(appNames()).doesNotContain(channel.firebaseAppName())
          .contains(second.firebaseAppName());
      second.close();
      assertThat(appNames()).doesNotContain(second.firebaseAppName());
    }
  }

  @Test
  void theHostsDefaultAppIsNeitherUsedNorDeleted() {
    try (FcmPeer hostPeer = FcmPeer.start(); FcmPeer channelPeer = FcmPeer.start();
        ManualChannelContext context = ManualChannelContext.create()) {
      FirebaseOptions hostOptions = FcmPeerConnection.options(hostPeer.baseUri(), "host-app");
      FirebaseApp host = FirebaseApp.initializeApp(hostOptions);
      try {
        FcmChannel channel = Messages.channel(channelPeer).build();
        assertThat(channel.sendBlocking(Messages.delivery("d-1", FcmPeer.token(1)), context))
            .isInstanceOf(DeliveryResult.Sent.class);
        channel.close();

        assertThat(channelPeer.awaitReceived(1, WAIT)).hasSize(1);
        assertThat(hostPeer.receivedCount()).as("nothing through the host's app").isZero();
        assertThat(FirebaseApp.getInstance()).isSameAs(host);
        assertThat(FirebaseApp.getInstance().getOptions()).isSameAs(hostOptions);
        assertThat(appNames()).containsExactly(FirebaseApp.DEFAULT_APP_NAME);
      } finally {
        host.delete();
      }
    }
  }

  @Test
  void theLaneIsPacedToTheProjectsQuotaUnlessTheBuilderSaysOtherwise() {
    try (FcmPeer peer = FcmPeer.start()) {
      try (FcmChannel byDefault = Messages.channel(peer).name("fcm-a").build();
          FcmChannel share = Messages.channel(peer).name("fcm-b")
              .throughput(RateLimit.perSecond(2_000)).build();
          FcmChannel unpaced = Messages.channel(peer).name("fcm-c").throughput(null).build()) {
        assertThat(byDefault.throughput()).contains(FcmChannel.PROJECT_QUOTA);
        assertThat(FcmChannel.PROJECT_QUOTA).isEqualTo(RateLimit.perMinute(600_000));
        assertThat(share.throughput()).contains(RateLimit.perSecond(2_000));
        assertThat(unpaced.throughput()).isEmpty();
      }
    }
  }

  @Test
  void credentialsAreRequired() {
    assertThatThrownBy(() -> FcmChannel.builder().projectId("p-1").build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("credentials(Path)");
  }

  @Test
  void aProjectIdIsRequiredWhenTheCredentialsDoNotNameOne() {
    assertThatThrownBy(() -> FcmChannel.builder()
        .credentials(FcmPeerConnection.credentials()).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("projectId(...)");
  }

  @Test
  void badValuesAreRefusedAtOnceShowingTheValue() {
    FcmChannel.Builder b = FcmChannel.builder();
    assertThatThrownBy(() -> b.sdkRetries(5)).hasMessageContaining("0 to 4").hasMessageEndingWith("5");
    assertThatThrownBy(() -> b.readTimeout(Duration.ZERO)).hasMessageContaining("PT0S");
    assertThatThrownBy(() -> b.projectId("Not A Project")).hasMessageContaining("'Not A Project'");
    assertThatThrownBy(() -> b.name(" ")).hasMessageContaining("blank");
    assertThatThrownBy(() -> b.credentials(Path.of("/no/such/dir/sa-1234567890.json")))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageNotContaining("sa-1234567890");
    assertThatThrownBy(() -> b.credentials(new ByteArrayInputStream(
        "{\"type\":\"nonsense\"}".getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(UncheckedIOException.class);
  }

  @Test
  void toStringShowsTheProjectButNoCredentials() {
    try (FcmPeer peer = FcmPeer.start(); FcmChannel channel = Messages.channel(peer).build()) {
      assertThat(channel.toString()).contains("notify-test").contains(channel.firebaseAppName())
          .doesNotContain(FcmPeerConnection.ACCESS_TOKEN);
    }
  }
}
