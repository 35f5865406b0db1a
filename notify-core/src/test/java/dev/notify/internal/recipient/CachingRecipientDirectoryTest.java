package dev.notify.internal.recipient;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.Recipient;
import dev.notify.inmemory.InMemoryRecipientDirectory;
import dev.notify.recipient.UserProfile;
import dev.notify.spi.store.GroupPage;
import dev.notify.spi.store.RecipientDirectory;
import dev.notify.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachingRecipientDirectoryTest {
  private static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");

  private final MutableClock clock = MutableClock.at(T0);
  private final InMemoryRecipientDirectory backing = new InMemoryRecipientDirectory();
  private final AtomicInteger lookups = new AtomicInteger();
  private final RecipientDirectory counting = new RecipientDirectory() {
    @Override
    public Optional<UserProfile> findUser(String userId) {
      lookups.incrementAndGet();
      return backing.findUser(userId);
    }

    @Override
    public Optional<GroupPage> groupPage(String groupId, String cursor, int pageSize) {
      return backing.groupPage(groupId, cursor, pageSize);
    }

    @Override
    public boolean invalidateAddress(String userId, Recipient.Address address, Instant at) {
      return backing.invalidateAddress(userId, address, at);
    }
  };
  private final CachingRecipientDirectory cached =
      new CachingRecipientDirectory(counting, clock, Duration.ofSeconds(30), 100);

  @Test
  void aProfileIsServedFromTheCacheUntilItsTtlPassesOnTheClock() {
    backing.put(UserProfile.builder("u1").email("a@example.com").build());

    cached.findUser("u1");
    cached.findUser("u1");
    assertThat(lookups).hasValue(1);

    backing.put(UserProfile.builder("u1").email("b@example.com").build());
    clock.advance(Duration.ofSeconds(29));
    assertThat(cached.findUser("u1").orElseThrow().addresses())
        .containsExactly(Recipient.email("a@example.com"));
    assertThat(lookups).hasValue(1);

    clock.advance(Duration.ofSeconds(2));
    assertThat(cached.findUser("u1").orElseThrow().addresses())
        .containsExactly(Recipient.email("b@example.com"));
    assertThat(lookups).hasValue(2);
  }

  @Test
  void theInvalidationHookDropsOneUser() {
    backing.put(UserProfile.builder("u1").email("a@example.com").build());
    backing.put(UserProfile.builder("u2").email("c@example.com").build());
    cached.findUser("u1");
    cached.findUser("u2");

    cached.invalidate("u1");
    cached.findUser("u1");
    cached.findUser("u2");
    assertThat(lookups).hasValue(3);

    cached.invalidateAll();
    cached.findUser("u2");
    assertThat(lookups).hasValue(4);
  }

  @Test
  void invalidatingAnAddressDropsTheCachedProfile() {
    backing.put(UserProfile.builder("u1").apnsToken("tok", T0).apnsToken("keep", T0).build());
    assertThat(cached.findUser("u1").orElseThrow().addresses()).hasSize(2);

    assertThat(cached.invalidateAddress("u1", Recipient.apnsToken("tok"), T0.plusSeconds(1)))
        .isTrue();

    assertThat(cached.findUser("u1").orElseThrow().addresses())
        .containsExactly(Recipient.apnsToken("keep"));
    assertThat(lookups).hasValue(2);
  }

  @Test
  void anUnknownUserIsNotCached() {
    assertThat(cached.findUser("u9")).isEmpty();
    backing.put(UserProfile.builder("u9").email("n@example.com").build());
    assertThat(cached.findUser("u9")).isPresent();
    assertThat(lookups).hasValue(2);
  }

  @Test
  void groupPagesPassThrough() {
    backing.addToGroup("g", "u1", "u2", "u3");
    assertThat(cached.groupPage("g", null, 2).orElseThrow().userIds()).containsExactly("u1", "u2");
    assertThat(cached.groupMembers("g", 2).orElseThrow()).toIterable()
        .containsExactly("u1", "u2", "u3");
  }
}
