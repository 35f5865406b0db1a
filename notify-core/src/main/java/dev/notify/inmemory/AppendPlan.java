package dev.notify.inmemory;

import dev.notify.spi.log.AppendResult;
import dev.notify.spi.log.NotificationRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What a batch append does, decided before anything changes: which records are new, what each
 * record's answer is, and whether a conflict refuses the whole batch. A record whose id is stored
 * is {@link AppendResult.Existing} with the stored hash (a conflict when its own hash differs); a
 * record that repeats an id earlier in the batch is {@code Existing} with that record's hash; the
 * rest are new. A refused batch answers {@link AppendResult.Skipped} for every record whose id is
 * not stored.
 */
final class AppendPlan {
  private final Map<String, NotificationRecord> fresh;
  private final List<AppendResult> results;
  private final boolean refused;

  private AppendPlan(Map<String, NotificationRecord> fresh, List<AppendResult> results,
      boolean refused) {
    this.fresh = fresh;
    this.results = results;
    this.refused = refused;
  }

  /**
   * Plans a batch.
   *
   * @param records the batch, in order
   * @param storedHash the payload hash stored under an id, or null when the id is not stored
   */
  static AppendPlan of(List<NotificationRecord> records,
      Function<String, @Nullable String> storedHash) {
    Map<String, NotificationRecord> fresh = new LinkedHashMap<>();
    List<AppendResult> results = new ArrayList<>(records.size());
    boolean[] stored = new boolean[records.size()];
    boolean conflict = false;
    for (int i = 0; i < records.size(); i++) {
      NotificationRecord r = records.get(i);
      String hash = storedHash.apply(r.id());
      NotificationRecord earlier = fresh.get(r.id());
      if (hash != null) {
        stored[i] = true;
        results.add(new AppendResult.Existing(hash));
        conflict |= !hash.equals(r.payloadHash());
      } else if (earlier != null) {
        results.add(new AppendResult.Existing(earlier.payloadHash()));
      } else {
        fresh.put(r.id(), r);
        results.add(new AppendResult.Appended());
      }
    }
    if (conflict) {
      for (int i = 0; i < results.size(); i++) {
        if (!stored[i]) {
          results.set(i, new AppendResult.Skipped());
        }
      }
      fresh.clear();
    }
    return new AppendPlan(fresh, Collections.unmodifiableList(results), conflict);
  }

  /** {@return the records to store, by id, in batch order; empty when refused} */
  Map<String, NotificationRecord> fresh() {
    return fresh;
  }

  /** {@return one answer per record of the batch, in order} */
  List<AppendResult> results() {
    return results;
  }

  /** {@return true if a record conflicted with a stored one, so nothing is stored} */
  boolean refused() {
    return refused;
  }
}
