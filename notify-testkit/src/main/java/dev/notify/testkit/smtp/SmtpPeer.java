package dev.notify.testkit.smtp;

import dev.notify.Recipient;
import dev.notify.testkit.KitPeer;
import dev.notify.testkit.ProviderPeer;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A small scriptable SMTP server on a free port of loopback, for tests of code that sends email:
 * it answers each recipient as scripted ({@link SmtpAnswer}: any 4xx or 5xx reply at RCPT TO or
 * at the end of DATA, a connection dropped or a peer that stops reading mid-DATA, silence after
 * DATA), can greet with an error or not at all, refuse the sender or require a login, counts SMTP
 * sessions, and records every message it answered. A {@link ProviderPeer}: scripts, records,
 * waits, {@link #stop()} and {@link #restart()} (an outage on the same port) work as there.
 *
 * <pre>{@code
 * try (SmtpPeer peer = SmtpPeer.start()) {
 *   // point the client at peer.host():peer.port(), plain SMTP, no TLS
 *   peer.respond("ada@example.com", SmtpAnswer.atRcpt(451, "4.7.1 Greylisted"),
 *       SmtpAnswer.accept());                             // greylisted once, then accepted
 *   peer.respond("bob@example.com", SmtpAnswer.atRcpt(550, "5.1.1 No such user here"));
 *   ...
 *   assertThat(peer.awaitReceived(3, Duration.ofSeconds(10)))
 *       .extracting(ReceivedEmail::accepted).containsExactly(false, true, false);
 *   assertThat(peer.sessions()).isEqualTo(1);             // one reused connection
 * }
 * }</pre>
 *
 * <p>In JUnit 5, {@code @RegisterExtension final ProviderPeerExtension<SmtpPeer> smtp =
 * ProviderPeerExtension.of(SmtpPeer::start);} starts one per test and hands it to test methods
 * that declare an {@code SmtpPeer} parameter. Its {@link #kit()} plays
 * {@code ChannelCompatibilityKit}'s scenarios: accept 250; permanent rejection 554 5.6.0 at the
 * end of DATA; transient failure 451 4.3.0 at RCPT TO, then accept; address invalid 550 5.1.1
 * at RCPT TO; unavailable: the peer stopped (connections refused) until restarted; addresses
 * {@code user<i>@example.com}.
 *
 * <p>The peer speaks plain SMTP only (EHLO offers {@code 8BITMIME}, {@code AUTH PLAIN} and
 * {@code SIZE}, never {@code STARTTLS}): use {@link GreenMailSmtpPeer} for SMTPS. Each message
 * has one recipient, as notify's email channel sends them; with several RCPT TO the last one's
 * answer decides DATA. Unscripted recipients get the default answer ({@link SmtpAnswer#accept()}
 * unless changed with {@link #respondByDefault}). Thread-safe; every connection is served on its
 * own daemon thread.
 */
public final class SmtpPeer extends ProviderPeer<SmtpAnswer, ReceivedEmail> {
  private static final String GREETING = "220 peer ESMTP ready";
  private static final String MAIL_FROM_OK = "250 2.1.0 Ok";
  /** Lines of data read before a drop or a stall mid-DATA. */
  private static final int LINES_BEFORE_FAULT = 5;

  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "smtp-peer");
    t.setDaemon(true);
    return t;
  });
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger sessions = new AtomicInteger();
  private final AtomicBoolean idleTimeout = new AtomicBoolean();
  /** Counted down on close: ends the threads that hold a connection without reading. */
  private final CountDownLatch released = new CountDownLatch(1);
  private volatile @Nullable ServerSocket server;
  private volatile String greeting = GREETING;
  private volatile String mailFromReply = MAIL_FROM_OK;
  /** {@code <NUL>user<NUL>password}, the end of a valid AUTH PLAIN; null if no login needed. */
  private volatile @Nullable String credentials;

  private SmtpPeer() {
    super(SmtpAnswer.accept(), 0, true);
  }

  /**
   * {@return a running peer on a free port of loopback, accepting every message}
   *
   * @throws IllegalStateException if it cannot listen
   */
  public static SmtpPeer start() {
    SmtpPeer peer = new SmtpPeer();
    try {
      peer.startListening();
      return peer;
    } catch (RuntimeException | Error e) {
      peer.close();
      throw e;
    }
  }

  /** {@return {@code "127.0.0.1"}, the host the peer listens on} */
  public String host() {
    return InetAddress.getLoopbackAddress().getHostAddress();
  }

  /** {@return how many SMTP sessions (connections) the peer accepted since the start or reset} */
  public int sessions() {
    return sessions.get();
  }

  /**
   * Greets new connections with this line instead of {@code 220 peer ESMTP ready}; a greeting
   * other than 220 is followed by closing the connection, as servers do.
   *
   * @param line the greeting, e.g. {@code "421 4.3.2 Too busy, come back later"}; empty for
   *     none: the peer accepts the connection and never says anything
   */
  public void greeting(String line) {
    this.greeting = oneLine(line);
  }

  /**
   * Answers every MAIL FROM with this line instead of {@code 250 2.1.0 Ok}.
   *
   * @param line the reply, e.g. {@code "550 5.7.1 <notify@example.com>: Sender address
   *     rejected"}
   */
  public void mailFromReply(String line) {
    this.mailFromReply = oneLine(line);
  }

  /**
   * Answers the next MAIL FROM on a connection that already carried a message with
   * {@code 421 4.4.2 Idle timeout} and closes that connection, once, as servers do with
   * connections left idle.
   */
  public void closeNextReusedConnectionWith421() {
    idleTimeout.set(true);
  }

  /**
   * Requires AUTH PLAIN with this user and password: MAIL FROM without it is answered
   * {@code 530 5.7.0 Authentication required}, a wrong login {@code 535 5.7.8}.
   *
   * @param user the user
   * @param password the password
   */
  public void requireLogin(String user, String password) {
    this.credentials = "\0" + user + "\0" + password;
  }

  /**
   * Also restores the greeting, the MAIL FROM reply and the open login, forgets
   * {@link #closeNextReusedConnectionWith421()} and counts sessions from zero.
   */
  @Override
  public void reset() {
    greeting = GREETING;
    mailFromReply = MAIL_FROM_OK;
    credentials = null;
    idleTimeout.set(false);
    sessions.set(0);
    super.reset();
  }

  @Override
  protected String name() {
    return "the SMTP peer";
  }

  private static String oneLine(String line) {
    if (line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("an SMTP reply must be one line: " + line);
    }
    return line;
  }

  /** Listens on loopback and accepts connections on a thread of the peer. */
  @Override
  protected int bind(int port) throws IOException {
    ServerSocket s = new ServerSocket();
    s.setReuseAddress(true);
    s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    server = s;
    threads.execute(() -> accept(s));
    return s.getLocalPort();
  }

  /** Closes the listening socket and every connection. */
  @Override
  protected void unbind() throws IOException {
    ServerSocket s = server;
    server = null;
    if (s != null) {
      s.close();
    }
    for (Socket socket : open) {
      socket.close();
    }
    open.clear();
  }

  /** Ends the peer's threads, also those holding a connection without reading. */
  @Override
  protected void release() {
    threads.shutdownNow();
    released.countDown();
  }

  /** The compatibility kit on SMTP's answers; see the class description. */
  @Override
  protected KitPeer kit() {
    return KitPeer.scripting(this)
        .addresses(i -> Recipient.email("user" + i + "@example.com"))
        .accept(SmtpAnswer.accept())
        .permanentRejection(SmtpAnswer.atData(554, "5.6.0 Message content rejected"))
        .transientFailure(SmtpAnswer.atRcpt(451, "4.3.0 Try again later"))
        .addressInvalid(SmtpAnswer.atRcpt(550, "5.1.1 No such user here"))
        .channelUnavailable(this::stop, this::restart)
        .build();
  }

  private void accept(ServerSocket s) {
    while (!s.isClosed()) {
      try {
        Socket socket = s.accept();
        open.add(socket);
        sessions.incrementAndGet();
        threads.execute(() -> serve(socket));
      } catch (IOException e) {
        return; // closed by unbind
      }
    }
  }

  private void serve(Socket socket) {
    try (socket; InputStream in = new BufferedInputStream(socket.getInputStream());
        OutputStream out = socket.getOutputStream()) {
      if (greeting.isEmpty()) {
        awaitRelease(); // accepts the connection, never greets
        return;
      }
      reply(out, greeting);
      if (!greeting.startsWith("220")) {
        return;
      }
      String rcpt = null;
      SmtpAnswer answer = null;
      boolean authed = credentials == null;
      int messages = 0;
      String line;
      while ((line = readLine(in)) != null) {
        String upper = line.toUpperCase(Locale.ROOT);
        if (upper.startsWith("EHLO")) {
          reply(out, "250-peer\r\n250-8BITMIME\r\n250-AUTH PLAIN\r\n250 SIZE 10485760");
        } else if (upper.startsWith("HELO")) {
          reply(out, "250 peer");
        } else if (upper.startsWith("AUTH PLAIN")) {
          String expected = credentials;
          String given = authPlain(line);
          // authzid<NUL>user<NUL>password
          authed = expected == null || given != null && given.endsWith(expected);
          reply(out, authed ? "235 2.7.0 Authentication successful"
              : "535 5.7.8 Authentication credentials invalid");
        } else if (upper.startsWith("MAIL FROM")) {
          if (messages > 0 && idleTimeout.compareAndSet(true, false)) {
            reply(out, "421 4.4.2 peer Error: timeout exceeded");
            return;
          }
          reply(out, authed ? mailFromReply : "530 5.7.0 Authentication required");
          rcpt = null;
        } else if (upper.startsWith("RCPT TO")) {
          int lt = line.indexOf('<');
          int gt = line.lastIndexOf('>');
          if (lt < 0 || gt < lt) {
            reply(out, "501 5.1.3 Bad recipient address syntax");
            continue;
          }
          String address = line.substring(lt + 1, gt);
          answer = nextAnswer(address);
          if (answer.phase() == SmtpAnswer.Phase.RCPT) {
            SmtpAnswer a = answer;
            received(() -> new ReceivedEmail(address, false, a.code(), ""));
            reply(out, a.code() + " " + a.text());
          } else {
            rcpt = address;
            reply(out, "250 2.1.5 Ok");
          }
        } else if (upper.equals("DATA")) {
          if (rcpt == null) {
            reply(out, "554 5.5.1 No valid recipients");
            continue;
          }
          reply(out, "354 End data with <CR><LF>.<CR><LF>");
          if (!data(in, out, socket, rcpt, answer)) {
            return;
          }
          messages++;
          rcpt = null;
        } else if (upper.equals("QUIT")) {
          reply(out, "221 2.0.0 Bye");
          return;
        } else if (upper.equals("RSET") || upper.equals("NOOP")) {
          rcpt = null;
          reply(out, "250 2.0.0 Ok");
        } else {
          reply(out, "502 5.5.2 Command not recognized");
        }
      }
    } catch (IOException e) {
      // the client or unbind closed the connection
    } finally {
      open.remove(socket);
    }
  }

  /** {@return the decoded AUTH PLAIN response on the command line, null if malformed} */
  private static @Nullable String authPlain(String line) {
    String b64 = line.length() > 11 ? line.substring(11).trim() : "";
    try {
      return new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Reads one message's data and answers it; {@return false if the connection is to end} */
  private boolean data(InputStream in, OutputStream out, Socket socket, String rcpt,
      @Nullable SmtpAnswer given) throws IOException {
    SmtpAnswer answer = given == null ? SmtpAnswer.accept() : given;
    StringBuilder data = new StringBuilder();
    String line;
    int lines = 0;
    while ((line = readLine(in)) != null && !line.equals(".")) {
      lines++;
      if (answer.phase() == SmtpAnswer.Phase.DROP_IN_DATA && lines == LINES_BEFORE_FAULT) {
        received(() -> new ReceivedEmail(rcpt, false, 0, data.toString()));
        socket.close();
        return false;
      }
      if (answer.phase() == SmtpAnswer.Phase.STALL_IN_DATA && lines == LINES_BEFORE_FAULT) {
        received(() -> new ReceivedEmail(rcpt, false, 0, data.toString()));
        awaitRelease(); // reads nothing more: the client's writes fill the socket buffers
        return false;
      }
      data.append(line.startsWith(".") ? line.substring(1) : line).append("\r\n");
    }
    if (line == null) {
      return false;
    }
    switch (answer.phase()) {
      case SILENT -> {
        received(() -> new ReceivedEmail(rcpt, false, 0, data.toString()));
        awaitRelease();
        return false;
      }
      case DATA -> {
        received(() -> new ReceivedEmail(rcpt, false, answer.code(), data.toString()));
        reply(out, answer.code() + " " + answer.text());
      }
      default -> {
        received(() -> new ReceivedEmail(rcpt, true, 250, data.toString()));
        reply(out, "250 2.0.0 Ok: queued");
      }
    }
    return true;
  }

  /** Holds the connection until the peer is closed; unbind closes the socket first. */
  private void awaitRelease() {
    try {
      released.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void reply(OutputStream out, String text) throws IOException {
    out.write((text + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** {@return the next line without its CRLF, null at the end of the stream} */
  private static @Nullable String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream(128);
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        byte[] bytes = b.toByteArray();
        int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1
            : bytes.length;
        return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
      }
      b.write(c);
    }
    return null;
  }
}
