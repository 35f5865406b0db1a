package dev.notify.testkit;

import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The answers a provider peer gives, per address (device token, phone number, endpoint, email
 * address): the answers scripted for an address are used once each, in order, and the last one
 * for every later request to it; an address without a script gets the default answer. Every
 * {@link ProviderPeer} keeps one; a peer built otherwise can use it alone. Thread-safe: peers ask
 * for answers on their server threads while tests script them.
 *
 * <pre>{@code
 * Script<Answer> script = new Script<>(Answer.accept());
 * script.respond("ops-room", List.of(Answer.status(500), Answer.accept()));
 * script.next("ops-room");   // 500
 * script.next("ops-room");   // accept, and accept from then on
 * script.next("elsewhere");  // the default: accept
 * }</pre>
 *
 * @param <A> the peer's answer type, e.g. {@code PeerResponse} for APNs
 */
public final class Script<A> {
  private final A initialDefault;
  private final Map<String, Deque<A>> byAddress = new ConcurrentHashMap<>();
  private volatile A fallback;

  /**
   * Creates a script that gives every address {@code defaultAnswer}.
   *
   * @param defaultAnswer the answer for addresses without a script, also after {@link #reset()}
   */
  public Script(A defaultAnswer) {
    this.initialDefault = requireNonNull(defaultAnswer, "defaultAnswer");
    this.fallback = defaultAnswer;
  }

  /**
   * Scripts one address, replacing what was scripted for it before.
   *
   * @param address the address value
   * @param answers one or more answers: each used once in order, the last one sticks
   * @throws IllegalArgumentException if there are no answers
   */
  public void respond(String address, List<? extends A> answers) {
    requireNonNull(address, "address");
    if (answers.isEmpty()) {
      throw new IllegalArgumentException("give at least one answer for " + address);
    }
    for (A answer : answers) {
      requireNonNull(answer, "answer");
    }
    byAddress.put(address, new ArrayDeque<>(answers));
  }

  /**
   * Sets the answer for addresses without a script.
   *
   * @param answer the new default answer
   */
  public void respondByDefault(A answer) {
    fallback = requireNonNull(answer, "answer");
  }

  /** Forgets every address's script and restores the default answer given at construction. */
  public void reset() {
    byAddress.clear();
    fallback = initialDefault;
  }

  /**
   * {@return the answer for the next request to {@code address}, using up a scripted answer if
   * more than one is left}
   *
   * @param address the address value the request is for
   */
  public A next(String address) {
    Deque<A> answers = byAddress.get(requireNonNull(address, "address"));
    if (answers == null) {
      return fallback;
    }
    synchronized (answers) {
      return answers.size() > 1 ? answers.poll() : answers.peek();
    }
  }

  @Override
  public String toString() {
    return "Script[" + byAddress.size() + " addresses scripted, default " + fallback + "]";
  }
}
