package dev.notify.email.internal;

import dev.notify.email.SmtpSecurity;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.util.Deque;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connected SMTP transports, reused across sends: Angus Mail has no pool, and a new SMTP session
 * per message is many times slower. At most {@code connections} exist at once; a send takes one
 * (the most recently used first, so that idle ones can time out at the server), and gives it back
 * if it is still connected. A transport idle for longer than the idle check is probed with NOOP
 * before use.
 */
final class TransportPool implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TransportPool.class);

  private final SmtpSettings settings;
  private final Session session;
  private final Semaphore permits;
  private final Deque<NotifyTransport> idle = new ConcurrentLinkedDeque<>();
  private final ScheduledExecutorService writeTimeouts;
  private final AtomicInteger connects = new AtomicInteger();
  private volatile boolean closed;

  TransportPool(SmtpSettings settings) {
    this.settings = settings;
    this.permits = new Semaphore(settings.connections(), true);
    AtomicInteger threads = new AtomicInteger();
    // Angus enforces write timeouts on a scheduler; without one it starts a thread per socket.
    this.writeTimeouts = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "notify-" + settings.name() + "-write-timeout-"
          + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.session = session(properties(settings, writeTimeouts));
  }

  /**
   * Jakarta Mail finds Angus's StreamProvider through {@code META-INF/services}; a shaded jar
   * that dropped or relocated that file fails here (angus-mail #85). Say how to fix it.
   */
  private static Session session(Properties properties) {
    try {
      return Session.getInstance(properties);
    } catch (IllegalStateException e) {
      throw new IllegalStateException("Jakarta Mail found no StreamProvider (" + e.getMessage()
          + "). In a shaded jar, merge META-INF/services (maven-shade-plugin's"
          + " ServicesResourceTransformer) and do not relocate jakarta.mail or org.eclipse.angus;"
          + " or start the JVM with -Djakarta.mail.util.StreamProvider="
          + "org.eclipse.angus.mail.util.MailStreamProvider", e);
    }
  }

  private static Properties properties(SmtpSettings s, ScheduledExecutorService writeTimeouts) {
    boolean ssl = s.security() == SmtpSecurity.SMTPS;
    String p = ssl ? "mail.smtps." : "mail.smtp.";
    Properties props = new Properties();
    props.put(p + "host", s.host());
    props.put(p + "port", Integer.toString(s.port()));
    // Jakarta Mail waits forever by default (jakartaee/mail-api #69): never here.
    props.put(p + "connectiontimeout", Long.toString(s.connectTimeout().toMillis()));
    props.put(p + "timeout", Long.toString(s.readTimeout().toMillis()));
    props.put(p + "writetimeout", Long.toString(s.writeTimeout().toMillis()));
    props.put(p + "executor.writetimeout", writeTimeouts);
    props.put(p + "auth", Boolean.toString(s.username() != null));
    props.put(p + "localhost", s.messageIdDomain());
    if (s.security() == SmtpSecurity.STARTTLS_REQUIRED) {
      props.put(p + "starttls.enable", "true");
      props.put(p + "starttls.required", "true");
    }
    if (s.security() != SmtpSecurity.NONE) {
      props.put(p + "ssl.checkserveridentity", Boolean.toString(s.checkServerIdentity()));
      if (s.socketFactory() != null) {
        props.put(p + "ssl.socketFactory", s.socketFactory());
      }
    }
    return props;
  }

  /**
   * Takes a transport, connecting a new one if none is idle.
   *
   * @param fresh true to skip idle transports (a retry after a reused one broke)
   * @return the transport, or {@code null} if the pool is closed
   * @throws MessagingException if connecting failed
   * @throws InterruptedException if interrupted while waiting for a free place
   */
  @Nullable Lease borrow(boolean fresh) throws MessagingException, InterruptedException {
    permits.acquire();
    boolean handedOut = false;
    try {
      if (closed) {
        return null;
      }
      NotifyTransport t;
      while (!fresh && (t = idle.pollFirst()) != null) {
        if (t.idleNanos() < settings.idleCheck().toNanos() || t.isConnected()) {
          handedOut = true;
          return new Lease(t, true);
        }
        closeQuietly(t);
      }
      if (fresh) {
        // A reused transport just broke: the others idle beside it likely broke too.
        NotifyTransport old;
        while ((old = idle.pollLast()) != null) {
          closeQuietly(old);
        }
      }
      t = new NotifyTransport(session, settings.security() == SmtpSecurity.SMTPS);
      t.connect(settings.host(), settings.port(), settings.username(), settings.password());
      connects.incrementAndGet();
      handedOut = true;
      return new Lease(t, false);
    } finally {
      if (!handedOut) {
        permits.release();
        if (closed) {
          stopSchedulerWhenIdle();
        }
      }
    }
  }

  /**
   * Gives a transport back: kept if still connected and the pool is open, closed otherwise.
   *
   * @param lease what {@link #borrow} handed out
   * @param keep false to close it (after an error that may have left it unusable)
   */
  void giveBack(Lease lease, boolean keep) {
    try {
      if (keep && !closed && lease.transport().open()) {
        idle.addFirst(lease.transport());
        if (closed && idle.remove(lease.transport())) {
          closeQuietly(lease.transport());
        }
      } else {
        closeQuietly(lease.transport());
      }
    } finally {
      permits.release();
      if (closed) {
        stopSchedulerWhenIdle();
      }
    }
  }

  /** Sends still running need the write-timeout scheduler; the last one given back stops it. */
  private void stopSchedulerWhenIdle() {
    if (permits.availablePermits() == settings.connections()) {
      writeTimeouts.shutdown();
    }
  }

  /** {@return the session every transport of this pool uses} */
  Session session() {
    return session;
  }

  /** {@return how many SMTP connections this pool has opened} */
  int connects() {
    return connects.get();
  }

  /** Closes the idle transports; those in use are closed when given back. Idempotent. */
  @Override
  public void close() {
    closed = true;
    NotifyTransport t;
    while ((t = idle.pollFirst()) != null) {
      closeQuietly(t);
    }
    stopSchedulerWhenIdle();
  }

  private void closeQuietly(NotifyTransport t) {
    try {
      t.close();
    } catch (MessagingException | RuntimeException e) {
      LOG.debug("{}: closing an SMTP connection failed: {}", settings.name(), e.toString());
    }
  }

  /**
   * A borrowed transport.
   *
   * @param transport the connected transport
   * @param reused true if it served an earlier send
   */
  record Lease(NotifyTransport transport, boolean reused) {
  }
}
