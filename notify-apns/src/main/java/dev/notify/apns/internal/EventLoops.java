package dev.notify.apns.internal;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Event loop groups pushy can use. */
final class EventLoops {
  /** Pushy 0.15 picks its socket classes by the group's class name; it knows only these. */
  private static final Set<String> SUPPORTED = Set.of(
      "io.netty.channel.nio.NioEventLoopGroup",
      "io.netty.channel.epoll.EpollEventLoopGroup",
      "io.netty.channel.kqueue.KQueueEventLoopGroup");

  private EventLoops() {
  }

  /**
   * @param group a caller's group
   * @throws IllegalArgumentException if pushy cannot use it, saying which ones it can
   */
  static void checkSupported(EventLoopGroup group) {
    if (!SUPPORTED.contains(group.getClass().getName())) {
      throw new IllegalArgumentException("pushy 0.15 can only use a NioEventLoopGroup,"
          + " EpollEventLoopGroup or KQueueEventLoopGroup (not Netty 4.2's"
          + " MultiThreadIoEventLoopGroup); got " + group.getClass().getName());
    }
  }

  /**
   * @param name the channel name, for thread names ({@code notify-apns-1})
   * @param threads how many event loops
   * @return a group the channel owns and shuts down on close
   */
  @SuppressWarnings("deprecation") // NioEventLoopGroup: deprecated in Netty 4.2, but pushy needs it
  static EventLoopGroup create(String name, int threads) {
    return new NioEventLoopGroup(threads, threadFactory("notify-" + name + "-"));
  }

  private static ThreadFactory threadFactory(String prefix) {
    AtomicInteger next = new AtomicInteger(1);
    return task -> {
      Thread thread = new FastThreadLocalThread(task, prefix + next.getAndIncrement());
      // Daemon: a host that forgets close() can still exit; nothing is lost, the log holds it.
      thread.setDaemon(true);
      return thread;
    };
  }
}
