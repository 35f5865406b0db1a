package dev.notify.testkit;

import static java.util.Objects.requireNonNull;

import dev.notify.spi.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock and a scheduler that move only when a test says so. Give both to the client
 * ({@code .clock(time.clock()).scheduler(time)}); {@link #advance(Duration)} then runs every task
 * that comes due, in due order, with the clock set to each task's due time. Tasks scheduled with
 * no delay run at once on a helper thread, as on a real scheduler. Thread-safe.
 *
 * <pre>{@code
 * ManualTime time = ManualTime.startingAt(Instant.parse("2026-01-01T00:00:00Z"));
 * client.send(n);                       // first attempt fails retryably
 * time.advance(Duration.ofSeconds(1));  // the retry comes due and is sent
 * }</pre>
 */
public final class ManualTime implements Scheduler, AutoCloseable {
  private final Object lock = new Object();
  private final PriorityQueue<Task> tasks = new PriorityQueue<>();
  private final AtomicLong seq = new AtomicLong();
  private final ExecutorService immediate = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "manual-time-immediate");
    t.setDaemon(true);
    return t;
  });
  private final ManualClock clock;

  private ManualTime(Instant start) {
    this.clock = new ManualClock(start, ZoneOffset.UTC);
  }

  /**
   * {@return manual time starting at {@code start}}
   *
   * @param start the initial instant
   */
  public static ManualTime startingAt(Instant start) {
    return new ManualTime(requireNonNull(start, "start"));
  }

  /** {@return the clock that this scheduler moves} */
  public Clock clock() {
    return clock;
  }

  /** {@return the current instant} */
  public Instant now() {
    return clock.instant();
  }

  /**
   * Moves time forward, running each task that comes due on the calling thread.
   *
   * @param duration how far, not negative
   */
  public void advance(Duration duration) {
    requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("time only moves forward: " + duration);
    }
    Instant target = clock.instant().plus(duration);
    while (true) {
      Task next;
      synchronized (lock) {
        next = tasks.peek();
        if (next == null || next.due.isAfter(target)) {
          clock.set(target);
          return;
        }
        tasks.poll();
        if (next.due.isAfter(clock.instant())) {
          clock.set(next.due);
        }
      }
      if (!next.cancelled) {
        next.runnable.run();
      }
    }
  }

  /**
   * Moves time to {@code instant}, running what comes due.
   *
   * @param instant the new time; not before the current one
   */
  public void advanceTo(Instant instant) {
    advance(Duration.between(clock.instant(), instant));
  }

  /** {@return tasks waiting for their time (cancelled ones excluded)} */
  public int pendingTasks() {
    synchronized (lock) {
      return (int) tasks.stream().filter(t -> !t.cancelled).count();
    }
  }

  /** {@return the due times of waiting tasks, earliest first} */
  public List<Instant> pendingDueTimes() {
    synchronized (lock) {
      List<Task> copy = new ArrayList<>(tasks);
      copy.sort(null);
      return copy.stream().filter(t -> !t.cancelled).map(t -> t.due).toList();
    }
  }

  @Override
  public Scheduled schedule(Runnable task, Duration delay) {
    requireNonNull(delay, "delay");
    synchronized (lock) {
      return scheduleAt(task, clock.instant().plus(delay), clock);
    }
  }

  /** Schedules at exactly {@code at}, whatever the time is when this is called. */
  @Override
  public Scheduled scheduleAt(Runnable task, Instant at, Clock ignored) {
    requireNonNull(task, "task");
    requireNonNull(at, "at");
    Task t;
    synchronized (lock) {
      boolean due = !at.isAfter(clock.instant());
      t = new Task(due ? clock.instant() : at, seq.incrementAndGet(), task);
      if (due) {
        immediate.execute(() -> {
          if (!t.cancelled) {
            task.run();
          }
        });
      } else {
        tasks.add(t);
      }
    }
    return () -> t.cancelled = true;
  }

  /** Stops the helper thread. */
  @Override
  public void close() {
    immediate.shutdownNow();
  }

  private static final class Task implements Comparable<Task> {
    final Instant due;
    final long seq;
    final Runnable runnable;
    volatile boolean cancelled;

    Task(Instant due, long seq, Runnable runnable) {
      this.due = due;
      this.seq = seq;
      this.runnable = runnable;
    }

    @Override
    public int compareTo(Task o) {
      int c = due.compareTo(o.due);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  private static final class ManualClock extends Clock {
    private volatile Instant now;
    private final ZoneId zone;

    ManualClock(Instant now, ZoneId zone) {
      this.now = now;
      this.zone = zone;
    }

    void set(Instant instant) {
      this.now = instant;
    }

    @Override
    public ZoneId getZone() {
      return zone;
    }

    @Override
    public Clock withZone(ZoneId z) {
      ManualClock outer = this;
      return new Clock() {
        @Override
        public ZoneId getZone() {
          return z;
        }

        @Override
        public Clock withZone(ZoneId other) {
          return outer.withZone(other);
        }

        @Override
        public Instant instant() {
          return outer.instant();
        }
      };
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
