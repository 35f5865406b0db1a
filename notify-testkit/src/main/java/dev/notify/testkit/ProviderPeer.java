package dev.notify.testkit;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * A local stand-in for a provider that a channel talks to over the provider's real protocol, the
 * way OkHttp's {@code MockWebServer} stands in for an HTTP server: it listens on a port of this
 * machine, answers each request as the test scripted it for the request's address, and records
 * what it received. Every local peer of the testkit is one ({@code MockApnsPeer} around pushy's
 * {@code MockApnsServer}, the HTTP endpoints that speak the FCM and Twilio wire formats, the
 * SMTP peer), and so is a custom channel's peer ({@code LocalWebhookServer} in the examples).
 *
 * <pre>{@code
 * try (MockApnsPeer peer = MockApnsPeer.start()) {           // listening on a free port
 *   peer.respond(token, PeerResponse.reject(RejectionReason.SERVICE_UNAVAILABLE),
 *       PeerResponse.accept());                               // fails once, then accepts
 *   peer.respondByDefault(PeerResponse.accept());             // every other token
 *   ... send through the channel under test ...
 *   peer.awaitReceived(2, Duration.ofSeconds(10));            // both requests arrived
 *   peer.stop();                                              // an outage: connections refused
 *   peer.restart();                                           // back, on the same port
 * }
 * }</pre>
 *
 * <p>In JUnit 5 tests let {@link ProviderPeerExtension} start and close the peer.
 *
 * <p><b>Writing a peer.</b> A subclass speaks the protocol: {@link #bind(int)} starts listening,
 * {@link #unbind()} stops, {@link #release()} frees what outlives a restart (threads). Its
 * factory calls {@link #startListening()} once. For each request it takes its answer from
 * {@link #nextAnswer(String)} and records it with {@link #received(Supplier)}; and it tells the
 * compatibility kit how to play the kit's scenarios in its protocol through {@link #kit()}. A
 * peer that serves HTTP extends {@link HttpProviderPeer}, which does the listening.
 *
 * <p><b>Threads.</b> Thread-safe. Scripting and records may be used from any thread while the
 * peer answers on its own; {@link #bind(int)} and {@link #unbind()} run under the peer's lifecycle
 * lock, never concurrently, while {@link #nextAnswer(String)} and {@link #received(Supplier)}
 * never take that lock, so a server thread can answer while the peer stops.
 *
 * @param <A> how the peer answers a request (APNs' {@code PeerResponse}, an HTTP status)
 * @param <R> what it records of a request it answered
 */
public abstract class ProviderPeer<A, R extends ReceivedMessage> implements AutoCloseable {
  /** After a stop the old socket may linger for a moment; a restart tries the port this long. */
  private static final Duration REBIND_TIMEOUT = Duration.ofSeconds(10);

  private final Script<A> script;
  private final boolean recording;
  private final Object lifecycle = new Object();
  private final Object records = new Object();
  private final List<R> received = new ArrayList<>();
  private long receivedCount;
  // Written under the lifecycle lock, read without it: a stop that takes a while blocks no reader.
  private volatile int port;
  private volatile boolean bound;
  private volatile boolean running;
  private volatile boolean closed;

  /**
   * For subclasses.
   *
   * @param defaultAnswer the answer for addresses without a script, also after
   *     {@link #resetScript()}: normally the protocol's "accepted"
   * @param port the port to listen on; 0 for a free one, which then stays across restarts
   * @param recording whether to keep every answered request for {@link #received()}; counting
   *     ({@link #receivedCount()}) happens either way. Off only for load tests.
   */
  protected ProviderPeer(A defaultAnswer, int port, boolean recording) {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0 to 65535: " + port);
    }
    this.script = new Script<>(defaultAnswer);
    this.port = port;
    this.recording = recording;
  }

  // --- what a subclass implements ------------------------------------------------------------

  /**
   * Starts listening. Called under the lifecycle lock by {@link #startListening()} and
   * {@link #restart()}.
   *
   * @param port the port: 0 on the first start for a free one, then always the port first bound
   * @return the port now listened on
   * @throws Exception if it cannot listen; on a restart the call is repeated for a while, since
   *     the old socket may linger
   */
  protected abstract int bind(int port) throws Exception;

  /**
   * Stops listening and closes every connection, so clients see their connections drop and new
   * ones refused. Called under the lifecycle lock by {@link #stop()}, only while running.
   *
   * @throws Exception if the server does not stop; the peer counts as stopped anyway
   */
  protected abstract void unbind() throws Exception;

  /**
   * Frees what the peer keeps across restarts (thread pools, event loops). Called once by
   * {@link #close()}, after the peer stopped. Default: nothing.
   */
  protected void release() {
  }

  /**
   * {@return the peer's side of {@link ChannelCompatibilityKit}: how to play each of the kit's
   * scenarios in this protocol, usually built with {@link KitPeer#scripting(ProviderPeer)}; called
   * on the test thread, once per kit test}
   */
  protected abstract KitPeer kit();

  // --- lifecycle -----------------------------------------------------------------------------

  /**
   * Listens for the first time; a subclass's factory calls it once the peer is built, and closes
   * the peer if it throws.
   *
   * @throws IllegalStateException if the peer cannot listen, or was started or closed before
   */
  protected final void startListening() {
    synchronized (lifecycle) {
      if (bound || closed) {
        throw new IllegalStateException(name() + " was started before");
      }
      port = bindOnce(port);
      bound = true;
      running = true;
    }
  }

  /** {@return the port the peer listens on, the same across {@link #restart()}} */
  public final int port() {
    if (!bound) {
      throw new IllegalStateException(name() + " has not started");
    }
    return port;
  }

  /**
   * {@return true while the peer listens: from its start to {@link #stop()}, and again after
   * {@link #restart()}}
   */
  public final boolean isRunning() {
    return running;
  }

  /**
   * Stops listening and drops every connection: an outage, as clients see one. The script and
   * the record are kept. Does nothing if the peer is stopped.
   *
   * @throws IllegalStateException if the server did not stop cleanly (it counts as stopped)
   */
  public final void stop() {
    synchronized (lifecycle) {
      if (!running) {
        return;
      }
      running = false;
      try {
        unbind();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while stopping " + name(), e);
      } catch (Exception e) {
        throw new IllegalStateException(name() + " did not stop cleanly", e);
      }
    }
  }

  /**
   * Listens again on the same port, with the same script, record and credentials (stops first
   * if running): the end of an outage.
   *
   * @throws IllegalStateException if the port cannot be listened on again within 10 s, or the
   *     peer is closed
   */
  public final void restart() {
    synchronized (lifecycle) {
      if (closed || !bound) {
        throw new IllegalStateException(name() + (closed ? " is closed" : " has not started"));
      }
      stop();
      bindAgain(port);
      running = true;
    }
  }

  /**
   * Readies the peer for the next test: forgets the script and the record, and listens again if
   * a test stopped it. {@link ProviderPeerExtension} calls it before each test when one peer
   * serves a whole test class. A subclass that keeps more state clears it too, calling this.
   */
  public void reset() {
    resetScript();
    clearReceived();
    if (!isRunning()) {
      restart();
    }
  }

  /** Stops the peer and frees its threads; it cannot be restarted. Idempotent. */
  @Override
  public final void close() {
    synchronized (lifecycle) {
      if (closed) {
        return;
      }
      closed = true;
      try {
        stop();
      } finally {
        release();
      }
    }
  }

  private int bindOnce(int wanted) {
    try {
      return bind(wanted);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting " + name(), e);
    } catch (Exception e) {
      throw new IllegalStateException(name() + " could not listen on port " + wanted, e);
    }
  }

  /**
   * Retries the bind itself (not a wait for a condition): the socket of the stopped server may
   * linger for a moment, and only trying again tells when it is gone.
   */
  private void bindAgain(int wanted) {
    long deadline = System.nanoTime() + REBIND_TIMEOUT.toNanos();
    while (true) {
      try {
        bind(wanted);
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while restarting " + name(), e);
      } catch (Exception e) {
        if (System.nanoTime() - deadline > 0) {
          throw new IllegalStateException(name() + " could not listen on port " + wanted
              + " again within " + REBIND_TIMEOUT, e);
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
      }
    }
  }

  // --- the script ----------------------------------------------------------------------------

  /**
   * Scripts the answers for one address, replacing its earlier script: each answer is used once
   * in order, and the last one for every later request to the address.
   *
   * @param address the address value (device token, phone number, endpoint)
   * @param answers one or more answers
   * @throws IllegalArgumentException if there are none
   */
  @SafeVarargs
  public final void respond(String address, A... answers) {
    List<A> inOrder = new ArrayList<>(answers.length);
    for (A answer : answers) { // read only, never handed on: what makes @SafeVarargs true
      inOrder.add(answer);
    }
    script.respond(address, inOrder);
  }

  /**
   * Sets the answer for addresses without a script.
   *
   * @param answer the answer; initially the peer's "accepted"
   */
  public final void respondByDefault(A answer) {
    script.respondByDefault(answer);
  }

  /** Forgets every script: every address gets the initial default answer again. */
  public final void resetScript() {
    script.reset();
  }

  /**
   * {@return the answer for a request to {@code address}, as scripted; for subclasses, on the
   * server's threads}
   *
   * @param address the address value the request is for
   */
  protected final A nextAnswer(String address) {
    return script.next(address);
  }

  // --- the record ----------------------------------------------------------------------------

  /**
   * Records one answered request. For subclasses, on the server's threads, once the answer is
   * decided.
   *
   * @param message builds the record; called only if the peer records (see the constructor)
   */
  protected final void received(Supplier<? extends R> message) {
    R record = recording ? requireNonNull(message.get(), "message") : null;
    synchronized (records) {
      receivedCount++;
      if (record != null) {
        received.add(record);
      }
    }
  }

  /** {@return every request answered since the start or {@link #clearReceived()}, oldest first} */
  public final List<R> received() {
    synchronized (records) {
      return List.copyOf(received);
    }
  }

  /**
   * {@return how many requests were answered since the start or {@link #clearReceived()},
   * recorded or not}
   */
  public final long receivedCount() {
    synchronized (records) {
      return receivedCount;
    }
  }

  /** Forgets what was received. */
  public final void clearReceived() {
    synchronized (records) {
      received.clear();
      receivedCount = 0;
    }
  }

  /**
   * Waits until at least {@code count} requests were answered since the start or
   * {@link #clearReceived()}.
   *
   * @param count how many answered requests to wait for
   * @param timeout how long to wait at most
   * @return what was received by then
   * @throws AssertionError if they did not arrive in time
   */
  public final List<R> awaitReceived(long count, Duration timeout) {
    Await.atMost(timeout).untilAtLeast(count, "requests answered by " + name(),
        this::receivedCount);
    return received();
  }

  /** {@return the peer's name in messages: its class's simple name} */
  protected String name() {
    return getClass().getSimpleName();
  }

  @Override
  public String toString() {
    return name() + "[port=" + (bound ? Integer.toString(port) : "none") + ", running=" + running
        + ", answered=" + receivedCount() + "]";
  }
}
