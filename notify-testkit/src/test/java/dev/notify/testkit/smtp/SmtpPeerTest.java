package dev.notify.testkit.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The scriptable peer, spoken to line by line over a plain socket. */
class SmtpPeerTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void anUnscriptedRecipientIsAcceptedAndRecordedWithItsData() throws IOException {
    try (SmtpPeer peer = SmtpPeer.start(); Dialog smtp = new Dialog(peer)) {
      assertThat(smtp.greeting()).startsWith("220");
      assertThat(smtp.send("MAIL FROM:<notify@example.com>")).startsWith("250");
      assertThat(smtp.send("RCPT TO:<ada@example.com>")).startsWith("250");
      assertThat(smtp.send("DATA")).startsWith("354");
      assertThat(smtp.send("Subject: Hi\r\n\r\n..dotted\r\n.")).startsWith("250");
      assertThat(peer.awaitReceived(1, WAIT)).containsExactly(
          new ReceivedEmail("ada@example.com", true, 250, "Subject: Hi\r\n\r\n.dotted\r\n"));
      assertThat(peer.sessions()).isEqualTo(1);
    }
  }

  @Test
  void aRecipientScriptedAtRcptGetsItsReplyOnceThenTheNext() throws IOException {
    try (SmtpPeer peer = SmtpPeer.start(); Dialog smtp = new Dialog(peer)) {
      peer.respond("ada@example.com", SmtpAnswer.atRcpt(451, "4.7.1 Greylisted"),
          SmtpAnswer.accept());
      smtp.greeting();
      smtp.send("MAIL FROM:<notify@example.com>");
      assertThat(smtp.send("RCPT TO:<ada@example.com>")).isEqualTo("451 4.7.1 Greylisted");
      assertThat(smtp.send("RCPT TO:<ada@example.com>")).startsWith("250");
      assertThat(peer.received()).containsExactly(
          new ReceivedEmail("ada@example.com", false, 451, ""));
    }
  }

  @Test
  void resetRestoresTheGreetingTheSenderReplyTheOpenLoginAndTheSessionCount()
      throws IOException {
    try (SmtpPeer peer = SmtpPeer.start()) {
      peer.greeting("421 4.3.2 Busy");
      peer.mailFromReply("550 5.7.1 Sender rejected");
      peer.requireLogin("notify", "secret");
      try (Dialog smtp = new Dialog(peer)) {
        assertThat(smtp.greeting()).isEqualTo("421 4.3.2 Busy");
      }
      peer.reset();
      try (Dialog smtp = new Dialog(peer)) {
        assertThat(smtp.greeting()).startsWith("220");
        assertThat(smtp.send("MAIL FROM:<notify@example.com>")).startsWith("250");
      }
      assertThat(peer.sessions()).isEqualTo(1);
    }
  }

  @Test
  void aRestartListensOnTheSamePort() throws IOException {
    try (SmtpPeer peer = SmtpPeer.start()) {
      int port = peer.port();
      peer.stop();
      assertThat(peer.isRunning()).isFalse();
      peer.restart();
      assertThat(peer.port()).isEqualTo(port);
      try (Dialog smtp = new Dialog(peer)) {
        assertThat(smtp.greeting()).startsWith("220");
      }
    }
  }

  @Test
  void anAnswerHasARealReplyCodeAndOneLine() {
    assertThatThrownBy(() -> SmtpAnswer.atRcpt(99, "x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("99");
    assertThatThrownBy(() -> SmtpAnswer.atData(550, "5.1.1 a\r\nb"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(SmtpAnswer.dropInData().code()).isZero();
  }

  /** One SMTP connection: writes a command, reads the reply (the last line of a multi-line one). */
  private static final class Dialog implements AutoCloseable {
    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    Dialog(SmtpPeer peer) throws IOException {
      socket = new Socket(peer.host(), peer.port());
      socket.setSoTimeout((int) WAIT.toMillis());
      in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
          StandardCharsets.ISO_8859_1));
      out = socket.getOutputStream();
    }

    String greeting() throws IOException {
      return reply();
    }

    String send(String command) throws IOException {
      out.write((command + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return reply();
    }

    private String reply() throws IOException {
      String line = in.readLine();
      while (line != null && line.length() > 3 && line.charAt(3) == '-') {
        line = in.readLine();
      }
      return String.valueOf(line);
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
