package dev.notify.email;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.testkit.ProviderPeerExtension;
import dev.notify.testkit.smtp.ReceivedEmail;
import dev.notify.testkit.smtp.SmtpPeer;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The channel works from a shaded jar (angus-mail #85): a fresh JVM with only the shaded jar
 * built in {@code package} (and {@link ShadedJarSmoke}) on its class path sends an email to the
 * SMTP peer.
 */
class ShadedJarIT {
  @RegisterExtension
  final ProviderPeerExtension<SmtpPeer> peers = ProviderPeerExtension.of(SmtpPeer::start);

  @Test
  void aShadedJarSendsEmail(SmtpPeer peer) throws Exception {
    Path jar = Path.of(System.getProperty("shaded.jar"));
    assertThat(jar).exists();
    Path log = Files.createTempFile("shaded-smoke", ".log");
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-cp", jar + File.pathSeparator + System.getProperty("smoke.classes"),
        ShadedJarSmoke.class.getName(), "127.0.0.1", Integer.toString(peer.port()))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child JVM ends").isTrue();
      assertThat(child.exitValue()).as(Files.readString(log, StandardCharsets.UTF_8)).isZero();
    } finally {
      child.destroyForcibly();
      Files.deleteIfExists(log);
    }
    List<ReceivedEmail> received = peer.awaitReceived(1, Duration.ofSeconds(10));
    assertThat(received).hasSize(1);
    assertThat(received.get(0).accepted()).isTrue();
    assertThat(received.get(0).data()).contains("multipart/alternative")
        .contains("Subject: From a shaded jar");
  }
}
