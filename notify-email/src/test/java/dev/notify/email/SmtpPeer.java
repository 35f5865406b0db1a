package dev.notify.email;

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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small scriptable SMTP server on a local socket: answers each recipient as scripted
 * ({@link SmtpAnswer}), counts sessions, and can refuse logins, greet with an error, drop the
 * connection mid-DATA or stop answering. Plain SMTP (no TLS): GreenMail covers SMTPS.
 */
final class SmtpPeer extends ProviderPeer<SmtpAnswer, ReceivedEmail> {
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "smtp-peer");
    t.setDaemon(true);
    return t;
  });
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger sessions = new AtomicInteger();
  private final CountDownLatch released = new CountDownLatch(1);
  private volatile ServerSocket server;
  private volatile String greeting = "220 peer ESMTP ready";
  private volatile String credentials;
  private volatile String mailFromReply = "250 2.1.0 Ok";
  private final java.util.concurrent.atomic.AtomicBoolean idleTimeout =
      new java.util.concurrent.atomic.AtomicBoolean();

  private SmtpPeer() {
    super(SmtpAnswer.accept(), 0, true);
  }

  static SmtpPeer start() {
    SmtpPeer peer = new SmtpPeer();
    try {
      peer.startListening();
      return peer;
    } catch (RuntimeException e) {
      peer.close();
      throw e;
    }
  }

  /** {@return how many SMTP sessions (connections) the peer accepted} */
  int sessions() {
    return sessions.get();
  }

  /** Greets new connections with this line, e.g. {@code "421 4.3.2 busy"}; empty: never. */
  void greeting(String line) {
    this.greeting = line;
  }

  /** Answers MAIL FROM with this line, e.g. {@code "550 5.7.1 Sender rejected"}. */
  void mailFromReply(String line) {
    this.mailFromReply = line;
  }

  /**
   * Answers the next MAIL FROM on a connection that already carried a message with
   * {@code 421 4.4.2 Idle timeout} and closes it, as servers do with idle connections.
   */
  void closeNextReusedConnectionWith421() {
    idleTimeout.set(true);
  }

  /** Requires AUTH PLAIN with this user and password. */
  void requireLogin(String user, String password) {
    this.credentials = "\0" + user + "\0" + password;
  }

  @Override
  protected int bind(int port) throws IOException {
    ServerSocket s = new ServerSocket();
    s.setReuseAddress(true);
    s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    server = s;
    threads.execute(() -> accept(s));
    return s.getLocalPort();
  }

  @Override
  protected void unbind() throws IOException {
    server.close();
    for (Socket socket : open) {
      socket.close();
    }
    open.clear();
  }

  @Override
  protected void release() {
    threads.shutdownNow();
    released.countDown();
  }

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
        String upper = line.toUpperCase(java.util.Locale.ROOT);
        if (upper.startsWith("EHLO")) {
          reply(out, "250-peer\r\n250-8BITMIME\r\n250-AUTH PLAIN\r\n250 SIZE 10485760");
        } else if (upper.startsWith("HELO")) {
          reply(out, "250 peer");
        } else if (upper.startsWith("AUTH PLAIN")) {
          String b64 = line.length() > 11 ? line.substring(11).trim() : "";
          String given = new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
          authed = given.endsWith(credentials); // authzid<NUL>user<NUL>password
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
          String address = line.substring(line.indexOf('<') + 1, line.lastIndexOf('>'));
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

  /** {@return false if the connection is to end} */
  private boolean data(InputStream in, OutputStream out, Socket socket, String rcpt,
      SmtpAnswer answer) throws IOException {
    StringBuilder data = new StringBuilder();
    String line;
    int lines = 0;
    while ((line = readLine(in)) != null && !line.equals(".")) {
      lines++;
      if (answer.phase() == SmtpAnswer.Phase.DROP_IN_DATA && lines == 5) {
        received(() -> new ReceivedEmail(rcpt, false, 0, ""));
        socket.close();
        return false;
      }
      if (answer.phase() == SmtpAnswer.Phase.STALL_IN_DATA && lines == 5) {
        received(() -> new ReceivedEmail(rcpt, false, 0, ""));
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

  private static String readLine(InputStream in) throws IOException {
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
