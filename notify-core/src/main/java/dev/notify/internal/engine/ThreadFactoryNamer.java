package dev.notify.internal.engine;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Wraps the host's thread factory so every thread the client starts has a notify-* name. */
final class ThreadFactoryNamer {
  private final ThreadFactory delegate;

  ThreadFactoryNamer(ThreadFactory delegate) {
    this.delegate = delegate;
  }

  ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = delegate.newThread(r);
      t.setName(prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
