package dev.notify.apns;

import dev.notify.spi.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A scheduler that runs its tasks only when the test says so. */
final class ManualScheduler implements Scheduler {
  private final List<Task> tasks = new ArrayList<>();

  @Override
  public synchronized Scheduled schedule(Runnable task, Duration delay) {
    Task scheduled = new Task(task, delay);
    tasks.add(scheduled);
    return scheduled;
  }

  /** Runs every task that is due within {@code elapsed} and not cancelled. */
  void advance(Duration elapsed) {
    List<Task> due = new ArrayList<>();
    synchronized (this) {
      for (Task task : tasks) {
        if (!task.cancelled && task.delay.compareTo(elapsed) <= 0) {
          due.add(task);
        }
      }
      tasks.removeAll(due);
    }
    due.forEach(task -> task.runnable.run());
  }

  /** @return the tasks neither run nor cancelled */
  synchronized long pending() {
    return tasks.stream().filter(task -> !task.cancelled).count();
  }

  private static final class Task implements Scheduled {
    final Runnable runnable;
    final Duration delay;
    volatile boolean cancelled;

    Task(Runnable runnable, Duration delay) {
      this.runnable = runnable;
      this.delay = delay;
    }

    @Override
    public void cancel() {
      cancelled = true;
    }
  }
}
