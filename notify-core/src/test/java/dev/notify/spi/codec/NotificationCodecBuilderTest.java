package dev.notify.spi.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.Notification;
import dev.notify.Recipient;
import dev.notify.spi.codec.DiscoveryFixtures.Found;
import dev.notify.spi.codec.DiscoveryFixtures.Other;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotificationCodecBuilderTest {
  private static final String SERVICES =
      "META-INF/services/" + ChannelOptionsCodecProvider.class.getName();

  @TempDir
  Path dir;

  /** {@return a class loader that also lists these providers, beside the test class path's} */
  private URLClassLoader listing(Class<?>... providers) throws IOException {
    Path file = dir.resolve(SERVICES);
    Files.createDirectories(file.getParent());
    StringBuilder lines = new StringBuilder();
    for (Class<?> p : providers) {
      lines.append(p.getName()).append('\n');
    }
    Files.writeString(file, lines);
    return new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
  }

  @Test
  void discoveredFindsTheProvidersOnTheClassPath() {
    NotificationCodec codec = NotificationCodec.discovered();
    assertThat(codec.typeIds()).containsExactly("test.found");
    Notification n = Notification.builder().to(Recipient.user("u")).options(new Found(3)).build();
    assertThat(codec.fromJson(codec.toJson(n)).options(Found.class)).contains(new Found(3));
  }

  @Test
  void aProviderFoundTwiceCountsOnce() throws IOException {
    try (URLClassLoader loader = listing(DiscoveryFixtures.Listed.class)) {
      NotificationCodec codec = NotificationCodec.builder().discover(loader)
          .discover(getClass().getClassLoader()).build();
      assertThat(codec.typeIds()).containsExactly("test.found");
    }
  }

  @Test
  void twoDiscoveredCodecsForOneTypeAreAnError() throws IOException {
    try (URLClassLoader loader = listing(DiscoveryFixtures.SameType.class)) {
      NotificationCodec.Builder builder = NotificationCodec.builder().discover(loader);
      assertThatThrownBy(builder::build)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("two discovered codecs for " + Found.class.getName())
          .hasMessageContaining(DiscoveryFixtures.Listed.class.getName())
          .hasMessageContaining(DiscoveryFixtures.SameType.class.getName())
          .hasMessageContaining("NotificationCodec.builder().codec(");
    }
  }

  @Test
  void anExplicitCodecWinsOverADiscoveredOneForItsType() throws IOException {
    try (URLClassLoader loader = listing(DiscoveryFixtures.SameType.class)) {
      NotificationCodec codec = NotificationCodec.builder()
          .codec(ChannelOptionsCodec.ofRecord(Found.class, "mine"))
          .discover(loader).build();
      assertThat(codec.typeIds()).containsExactly("mine");
    }
  }

  @Test
  void twoCodecsWithOneTypeIdAreAnError() throws IOException {
    try (URLClassLoader loader = listing(DiscoveryFixtures.SameTypeId.class)) {
      NotificationCodec.Builder builder = NotificationCodec.builder().discover(loader);
      assertThatThrownBy(builder::build)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("typeId 'test.found' is used by")
          .hasMessageContaining(DiscoveryFixtures.SameTypeId.class.getName());
    }
    NotificationCodec.Builder explicit = NotificationCodec.builder()
        .codec(ChannelOptionsCodec.ofRecord(Other.class, "test.found"))
        .discover(getClass().getClassLoader());
    assertThatThrownBy(explicit::build)
        .hasMessageContaining("(registered explicitly) and by");
  }

  @Test
  void explicitRegistrationRefusesDuplicatesAtOnce() {
    NotificationCodec.Builder b = NotificationCodec.builder()
        .codec(ChannelOptionsCodec.ofRecord(Found.class, "a"));
    assertThatThrownBy(() -> b.codec(ChannelOptionsCodec.ofRecord(Found.class, "b")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("a codec for " + Found.class.getName() + " is already registered");
    assertThatThrownBy(() -> b.codec(ChannelOptionsCodec.ofRecord(Other.class, "a")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("typeId 'a' of");
  }

  @Test
  void aProviderWithABadCodecIsReported() throws IOException {
    try (URLClassLoader loader = listing(DiscoveryFixtures.BadTypeId.class)) {
      NotificationCodec.Builder builder = NotificationCodec.builder();
      assertThatThrownBy(() -> builder.discover(loader))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith(DiscoveryFixtures.BadTypeId.class.getName()
              + " hands out a bad codec: typeId must be");
    }
  }

  @Test
  void aCodecWithABadTypeIdIsRefusedWhenRegistered() throws Exception {
    ChannelOptionsCodecProvider bad = new DiscoveryFixtures.BadTypeId();
    assertThatThrownBy(() -> NotificationCodec.builder().codec(bad.codecs().get(0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("typeId must be");
  }
}
