package dev.notify.examples;

import dev.notify.event.AcceptedEvent;
import dev.notify.event.DeliveryEvent;
import dev.notify.event.EventType;
import dev.notify.event.NotificationEvent;
import dev.notify.event.NotificationListener;
import dev.notify.status.Attempt;
import dev.notify.status.ClientStats;
import dev.notify.status.DeliveryState;
import dev.notify.status.DeliveryStatus;
import dev.notify.status.NotificationStatus;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The demo's listener and its printed report: what an operator would want to see of a run. It
 * counts events per channel as the client reports them and measures each delivery's latency from
 * acceptance to SENT (deliveries that waited for a schedule or quiet hours are left out).
 */
final class DemoReport implements NotificationListener {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final Clock clock;
  private final Map<String, Instant> acceptedAt = new ConcurrentHashMap<>();
  private final Set<String> waited = ConcurrentHashMap.newKeySet();
  private final Map<String, Set<String>> deliveries = new ConcurrentHashMap<>();
  private final Map<String, Map<String, LongAdder>> suppressed = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> retries = new ConcurrentHashMap<>();
  private final Map<String, List<Long>> latencyMicros = new ConcurrentHashMap<>();
  private final Map<EventType, LongAdder> totals = new ConcurrentHashMap<>();

  DemoReport(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void onEvent(NotificationEvent event) {
    totals.computeIfAbsent(event.type(), t -> new LongAdder()).increment();
    if (event instanceof AcceptedEvent accepted) {
      acceptedAt.putIfAbsent(accepted.notificationId(), accepted.at());
    } else if (event instanceof DeliveryEvent e) {
      delivery(e);
    }
  }

  /** A reason's code, what it starts with: {@code rate-limited (sms: 3 per PT1M …)} counts as one. */
  static String code(@Nullable String reason) {
    if (reason == null) {
      return "null";
    }
    int detail = reason.indexOf(" (");
    return detail < 0 ? reason : reason.substring(0, detail);
  }

  private void delivery(DeliveryEvent e) {
    deliveries.computeIfAbsent(e.channel(), c -> ConcurrentHashMap.newKeySet()).add(e.deliveryId());
    switch (e.type()) {
      case SCHEDULED -> waited.add(e.deliveryId());
      case RETRY_SCHEDULED -> retries.computeIfAbsent(e.channel(), c -> new LongAdder()).increment();
      case SUPPRESSED -> suppressed.computeIfAbsent(e.channel(), c -> new ConcurrentHashMap<>())
          .computeIfAbsent(code(e.reason()), r -> new LongAdder()).increment();
      case SENT -> {
        Instant accepted = acceptedAt.get(e.notificationId());
        if (accepted != null && !waited.contains(e.deliveryId())) {
          List<Long> list = latencyMicros.computeIfAbsent(e.channel(),
              c -> Collections.synchronizedList(new ArrayList<>()));
          list.add(Duration.between(accepted, e.at()).toNanos() / 1_000);
        }
      }
      default -> {
      }
    }
  }

  /** @return how many events of a type were seen */
  long count(EventType type) {
    LongAdder n = totals.get(type);
    return n == null ? 0 : n.sum();
  }

  /** @return how many retries a channel scheduled */
  long retriesOn(String channel) {
    LongAdder n = retries.get(channel);
    return n == null ? 0 : n.sum();
  }

  /** @return suppressed deliveries of a channel by reason */
  Map<String, Long> suppressedOn(String channel) {
    Map<String, Long> result = new TreeMap<>();
    suppressed.getOrDefault(channel, Map.of()).forEach((r, n) -> result.put(r, n.sum()));
    return result;
  }

  /**
   * A progress line. {@code live} lines are rewritten in place on a terminal (and skipped
   * elsewhere); the others end the line, replacing a live one.
   */
  void progress(PrintStream out, String phase, boolean terminal, boolean live) {
    if (live && !terminal) {
      return;
    }
    String line = String.format(Locale.ROOT,
        "  %-24s accepted %5d  sent %5d  retries %3d  suppressed %3d  failed %2d  dead %2d",
        phase, count(EventType.ACCEPTED), count(EventType.SENT),
        count(EventType.RETRY_SCHEDULED), count(EventType.SUPPRESSED), count(EventType.FAILED),
        count(EventType.DEAD));
    out.print((terminal ? "\r" : "") + line + (live ? "" : System.lineSeparator()));
    out.flush();
  }

  /**
   * Prints one row per channel: deliveries seen, the lane's own counters, suppressions by reason
   * and latency percentiles, and each channel's throughput over the load phase.
   */
  void printTable(PrintStream out, ClientStats stats, Map<String, Double> throughput) {
    String header = String.format(Locale.ROOT, "%-6s %9s %6s %8s %-32s %7s %5s %10s %8s %8s %11s",
        "lane", "accepted", "sent", "retried", "suppressed", "failed", "dead", "cancelled",
        "p50", "p99", "load rate");
    out.println(header);
    out.println("-".repeat(header.length()));
    new TreeMap<>(stats.lanes()).forEach((channel, lane) -> {
      Map<String, Long> why = suppressedOn(channel);
      String suppressedText = why.isEmpty() ? "0" : why.values().stream()
          .mapToLong(Long::longValue).sum() + " (" + why.entrySet().stream()
          .map(w -> w.getValue() + " " + w.getKey()).collect(Collectors.joining(", ")) + ")";
      long retried = retriesOn(channel);
      List<Long> lat = sorted(channel);
      Double rate = throughput.get(channel);
      out.println(String.format(Locale.ROOT, "%-6s %9d %6d %8d %-32s %7d %5d %10d %8s %8s %11s",
          channel, deliveries.getOrDefault(channel, Set.of()).size(),
          finished(lane, DeliveryState.SENT), retried, suppressedText,
          finished(lane, DeliveryState.FAILED), finished(lane, DeliveryState.DEAD),
          finished(lane, DeliveryState.CANCELLED), percentile(lat, 0.50), percentile(lat, 0.99),
          rate == null ? "-" : String.format(Locale.ROOT, "%,.0f/s", rate)));
    });
  }

  /** Prints a notification's deliveries with every attempt, as {@code status()} returns them. */
  void printHistory(PrintStream out, String title, NotificationStatus status) {
    out.println(title + "  (status(\"" + status.id() + "\"), accepted "
        + TIME.format(status.acceptedAt()) + ")");
    for (DeliveryStatus d : status.deliveries()) {
      out.println("  " + d.deliveryId() + " via " + d.channel() + " to " + d.address() + ": "
          + d.state() + (d.reason() != null ? " (" + d.reason() + ")" : ""));
      int previous = 0;
      for (Attempt a : d.attempts()) {
        if (a.number() <= previous) {
          out.println("    -- replay(\"" + status.id() + "\") --");
        }
        previous = a.number();
        String detail = a.error() != null ? a.error()
            : a.providerMessageId() != null ? "provider id " + a.providerMessageId() : "";
        out.println(String.format(Locale.ROOT, "    attempt %d at %s +%5d ms  %-13s %s",
            a.number(), TIME.format(a.at()), Duration.between(status.acceptedAt(), a.at())
                .toMillis(), a.outcome(), detail));
      }
    }
  }

  static long finished(ClientStats.LaneStats lane, DeliveryState state) {
    return lane.finished().getOrDefault(state, 0L);
  }

  private List<Long> sorted(String channel) {
    List<Long> list = latencyMicros.getOrDefault(channel, List.of());
    List<Long> copy;
    synchronized (list) {
      copy = new ArrayList<>(list);
    }
    Collections.sort(copy);
    return copy;
  }

  private static String percentile(List<Long> sortedMicros, double q) {
    if (sortedMicros.isEmpty()) {
      return "-";
    }
    long micros = sortedMicros.get(Math.min(sortedMicros.size() - 1,
        (int) Math.ceil(q * sortedMicros.size()) - 1));
    return micros >= 10_000
        ? String.format(Locale.ROOT, "%d ms", micros / 1_000)
        : String.format(Locale.ROOT, "%.1f ms", micros / 1_000.0);
  }

  /** @return the time now, for the demo's clock-relative output */
  Instant now() {
    return clock.instant();
  }
}
