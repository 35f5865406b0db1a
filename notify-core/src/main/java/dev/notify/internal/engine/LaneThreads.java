package dev.notify.internal.engine;

import dev.notify.policy.LaneOptions;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lane's two pools: its own threads, which start sends and handle results, and its blocking
 * pool for provider calls that block (a thread per send in flight, made on demand, and as many
 * again for sends stuck past their deadline).
 */
final class LaneThreads {
  private static final Logger LOG = LoggerFactory.getLogger(LaneThreads.class);

  private final String name;
  final ThreadPoolExecutor executor;
  final ThreadPoolExecutor blocking;

  LaneThreads(String channelName, LaneOptions options, ThreadFactoryNamer threads) {
    this.name = channelName;
    this.executor = new ThreadPoolExecutor(options.threads(), options.threads(), 60,
        TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads.named("notify-" + channelName));
    this.blocking = new ThreadPoolExecutor(0, Math.max(2, options.maxInFlight() * 2), 60,
        TimeUnit.SECONDS, new SynchronousQueue<>(),
        threads.named("notify-" + channelName + "-blocking"));
  }

  /** Runs a task on the lane's threads; dropped once the lane is shut down. */
  void execute(Runnable task) {
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      LOG.debug("lane {} is shut down; its claims stay in the log", name);
    }
  }

  void shutdown(long timeoutNanos) throws InterruptedException {
    blocking.shutdownNow();
    executor.shutdown();
    if (!executor.awaitTermination(timeoutNanos, TimeUnit.NANOSECONDS)) {
      executor.shutdownNow();
    }
  }
}
