package dev.notify.internal.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.Priority;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WeightedQueueTest {

  private record Item(Priority priority, int n) {
  }

  @Test
  void takesHighNormalAndLowEightToFourToOneWhenAllWait() {
    WeightedQueue<Item> q = new WeightedQueue<>(Item::priority);
    for (int i = 0; i < 1_000; i++) {
      q.add(new Item(Priority.LOW, i));
      q.add(new Item(Priority.NORMAL, i));
      q.add(new Item(Priority.HIGH, i));
    }
    Map<Priority, Integer> taken = new EnumMap<>(Priority.class);
    for (int i = 0; i < 13 * 50; i++) {
      taken.merge(q.poll().priority(), 1, Integer::sum);
    }
    assertThat(taken).containsEntry(Priority.HIGH, 400).containsEntry(Priority.NORMAL, 200)
        .containsEntry(Priority.LOW, 50);
  }

  @Test
  void highGoesBeforeLowThatWaitedLonger() {
    WeightedQueue<Item> q = new WeightedQueue<>(Item::priority);
    q.add(new Item(Priority.LOW, 1));
    q.add(new Item(Priority.LOW, 2));
    q.add(new Item(Priority.HIGH, 3));
    assertThat(q.poll().n()).isEqualTo(3);
    assertThat(q.poll().n()).isEqualTo(1);
  }

  @Test
  void lowIsNeverStarvedByASteadyHighLoad() {
    WeightedQueue<Item> q = new WeightedQueue<>(Item::priority);
    q.add(new Item(Priority.LOW, -1));
    int lowAt = -1;
    for (int i = 0; i < 100 && lowAt < 0; i++) {
      q.add(new Item(Priority.HIGH, i));
      q.add(new Item(Priority.HIGH, i));
      if (q.poll().priority() == Priority.LOW) {
        lowAt = i;
      }
    }
    assertThat(lowAt).isBetween(0, 12);
  }

  @Test
  void addFirstPutsWorkAheadOfItsPriority() {
    WeightedQueue<Item> q = new WeightedQueue<>(Item::priority);
    q.add(new Item(Priority.NORMAL, 1));
    q.addFirst(new Item(Priority.NORMAL, 0));
    assertThat(q.poll().n()).isZero();
    assertThat(q.size()).isEqualTo(1);
    assertThat(q.sizes()).containsEntry(Priority.NORMAL, 1).containsEntry(Priority.HIGH, 0);
  }
}
