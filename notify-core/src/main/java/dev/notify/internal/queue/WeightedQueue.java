package dev.notify.internal.queue;

import dev.notify.Priority;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Three FIFO queues, one per priority, taken in a fixed 13-slot cycle of 8 HIGH, 4 NORMAL and 1
 * LOW. A slot whose queue is empty passes to the next non-empty one, so HIGH goes first when only
 * HIGH and LOW wait, yet LOW gets at least one slot in every 13 under a steady HIGH load.
 * Not thread-safe: the owner locks.
 *
 * @param <T> the element type
 */
public final class WeightedQueue<T> {
  private static final Priority[] CYCLE = {
      Priority.HIGH, Priority.HIGH, Priority.NORMAL, Priority.HIGH, Priority.HIGH, Priority.NORMAL,
      Priority.HIGH, Priority.HIGH, Priority.NORMAL, Priority.HIGH, Priority.HIGH, Priority.NORMAL,
      Priority.LOW};

  private final Function<T, Priority> priorityOf;
  private final Map<Priority, ArrayDeque<T>> queues = new EnumMap<>(Priority.class);
  private int slot;
  private int size;

  /**
   * Creates an empty queue.
   *
   * @param priorityOf reads an element's priority
   */
  public WeightedQueue(Function<T, Priority> priorityOf) {
    this.priorityOf = priorityOf;
    for (Priority p : Priority.values()) {
      queues.put(p, new ArrayDeque<>());
    }
  }

  /**
   * Adds at the tail of its priority's queue.
   *
   * @param element the element to add
   */
  public void add(T element) {
    queues.get(priorityOf.apply(element)).addLast(element);
    size++;
  }

  /**
   * Adds at the head of its priority's queue (work that was already taken once).
   *
   * @param element the element to put back
   */
  public void addFirst(T element) {
    queues.get(priorityOf.apply(element)).addFirst(element);
    size++;
  }

  /** {@return the next element by the weighted cycle, or null when empty} */
  public @Nullable T poll() {
    if (size == 0) {
      return null;
    }
    for (int i = 0; i < CYCLE.length; i++) {
      int s = (slot + i) % CYCLE.length;
      ArrayDeque<T> q = queues.get(CYCLE[s]);
      if (!q.isEmpty()) {
        slot = (s + 1) % CYCLE.length;
        size--;
        return q.pollFirst();
      }
    }
    throw new AssertionError("size " + size + " but every queue is empty");
  }

  /** {@return the number of elements} */
  public int size() {
    return size;
  }

  /** {@return true when empty} */
  public boolean isEmpty() {
    return size == 0;
  }

  /**
   * {@return the number of elements of one priority}
   *
   * @param p the priority
   */
  public int size(Priority p) {
    return queues.get(p).size();
  }

  /** {@return the sizes by priority} */
  public Map<Priority, Integer> sizes() {
    Map<Priority, Integer> m = new EnumMap<>(Priority.class);
    queues.forEach((p, q) -> m.put(p, q.size()));
    return m;
  }

  /**
   * Removes and hands every element to {@code sink}.
   *
   * @param sink receives every element, highest priority first
   */
  public void drainTo(java.util.function.Consumer<T> sink) {
    for (ArrayDeque<T> q : queues.values()) {
      T t;
      while ((t = q.pollFirst()) != null) {
        size--;
        sink.accept(t);
      }
    }
  }
}
