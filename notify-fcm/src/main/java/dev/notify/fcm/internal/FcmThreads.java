package dev.notify.fcm.internal;

import com.google.firebase.FirebaseApp;
import com.google.firebase.ThreadManager;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The channel's own {@link ThreadManager}, so its app never touches firebase-admin's global pool
 * (up to 100 threads shared with the host's own Firebase use). The channel sends with the
 * blocking {@code send} on the lane's pool, so this executor runs only what the SDK does in the
 * background for the app: one daemon thread, {@code notify-fcm-<name>-1}, started on demand and
 * ended after 10 s idle.
 */
final class FcmThreads extends ThreadManager {
  private final String prefix;
  private final AtomicInteger count = new AtomicInteger();

  FcmThreads(String channelName) {
    this.prefix = "notify-fcm-" + channelName + "-";
  }

  @Override
  protected ExecutorService getExecutor(FirebaseApp app) {
    ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 10, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), getThreadFactory());
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }

  @Override
  protected void releaseExecutor(FirebaseApp app, ExecutorService executor) {
    executor.shutdownNow();
  }

  @Override
  protected ThreadFactory getThreadFactory() {
    return r -> {
      Thread t = new Thread(r, prefix + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
