package dev.notify.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.notify.ChannelType;
import dev.notify.Recipient;
import dev.notify.recipient.Contact;
import dev.notify.recipient.UserProfile;
import dev.notify.spi.store.GroupPage;
import dev.notify.spi.store.RecipientDirectory;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InMemoryRecipientDirectoryTest {
  private static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");

  private final InMemoryRecipientDirectory directory = new InMemoryRecipientDirectory();

  @Test
  void aUserWithThreeDevicesAndTwoEmailsResolvesToAllContacts() {
    directory.put(UserProfile.builder("u1")
        .apnsToken("apns-iphone", T0)
        .apnsToken("apns-ipad", T0.plusSeconds(1))
        .fcmToken("fcm-pixel", T0.plusSeconds(2))
        .email("mina@example.com")
        .email("mina@work.example", T0.plusSeconds(3))
        .locale(Locale.forLanguageTag("ko-KR"))
        .zone(ZoneId.of("Asia/Seoul"))
        .defaultChannels(ChannelType.APNS, ChannelType.EMAIL)
        .build());

    UserProfile p = directory.findUser("u1").orElseThrow();

    assertThat(p.addresses()).containsExactly(Recipient.apnsToken("apns-iphone"),
        Recipient.apnsToken("apns-ipad"), Recipient.fcmToken("fcm-pixel"),
        Recipient.email("mina@example.com"), Recipient.email("mina@work.example"));
    assertThat(p.addresses(ChannelType.APNS)).hasSize(2);
    assertThat(p.addresses(ChannelType.EMAIL)).hasSize(2);
    assertThat(p.addresses(ChannelType.SMS)).isEmpty();
    assertThat(p.contact(Recipient.fcmToken("fcm-pixel")).orElseThrow().registeredAt())
        .isEqualTo(T0.plusSeconds(2));
    assertThat(p.locale()).contains(Locale.forLanguageTag("ko-KR"));
    assertThat(p.zone()).contains(ZoneId.of("Asia/Seoul"));
    assertThat(p.defaultChannels()).containsExactly(ChannelType.APNS, ChannelType.EMAIL);
    assertThat(p.toString()).doesNotContain("mina@").doesNotContain("iphone");
    assertThat(directory.findUser("nobody")).isEmpty();
  }

  @Test
  void anAddressRegisteredTwiceKeepsTheLaterRegistration() {
    directory.addAddress("u1", Recipient.apnsToken("tok"), T0.plusSeconds(60));
    directory.addAddress("u1", Recipient.apnsToken("tok"), T0);
    assertThat(directory.findUser("u1").orElseThrow().contacts())
        .containsExactly(new Contact(Recipient.apnsToken("tok"), T0));

    UserProfile p = UserProfile.builder("u2").apnsToken("tok", T0.plusSeconds(60))
        .apnsToken("tok", T0).build();
    assertThat(p.contacts()).containsExactly(
        new Contact(Recipient.apnsToken("tok"), T0.plusSeconds(60)));
  }

  @Test
  void invalidationRemovesATokenRegisteredBeforeTheProvidersTimestamp() {
    directory.put(UserProfile.builder("u1").apnsToken("old", T0).apnsToken("other", T0).build());

    assertThat(directory.invalidateAddress("u1", Recipient.apnsToken("old"),
        T0.plusSeconds(10))).isTrue();

    assertThat(directory.findUser("u1").orElseThrow().addresses())
        .containsExactly(Recipient.apnsToken("other"));
  }

  @Test
  void invalidationKeepsATokenRegisteredAfterTheProvidersTimestamp() {
    // the provider says "invalid since T0+10s"; the app registered the token again at T0+20s
    directory.put(UserProfile.builder("u1").apnsToken("tok", T0.plusSeconds(20)).build());

    assertThat(directory.invalidateAddress("u1", Recipient.apnsToken("tok"),
        T0.plusSeconds(10))).isFalse();

    assertThat(directory.findUser("u1").orElseThrow().addresses())
        .containsExactly(Recipient.apnsToken("tok"));
  }

  @Test
  void invalidationWithoutATimestampRemoves() {
    directory.put(UserProfile.builder("u1").fcmToken("tok", T0.plusSeconds(20)).build());
    assertThat(directory.invalidateAddress("u1", Recipient.fcmToken("tok"), null)).isTrue();
    assertThat(directory.findUser("u1").orElseThrow().addresses()).isEmpty();
  }

  @Test
  void invalidatingAnUnknownUserOrAddressChangesNothing() {
    directory.put(UserProfile.builder("u1").fcmToken("tok", T0).build());
    assertThat(directory.invalidateAddress("u2", Recipient.fcmToken("tok"), null)).isFalse();
    assertThat(directory.invalidateAddress("u1", Recipient.fcmToken("other"), null)).isFalse();
    assertThat(directory.findUser("u1").orElseThrow().addresses()).hasSize(1);
    assertThat(directory.findUser("u2")).isEmpty();
  }

  @Test
  void aGroupOfTenThousandIsWalkedOnePageAtATime() {
    List<String> ids = IntStream.range(0, 10_000).mapToObj(i -> String.format("user-%05d", i))
        .toList();
    directory.addToGroup("everyone", ids);
    CountingDirectory counting = new CountingDirectory(directory);

    Iterator<String> members = counting.groupMembers("everyone", 500).orElseThrow();
    assertThat(counting.pages).isEqualTo(1);
    assertThat(counting.largestPage).isEqualTo(500);

    // nothing beyond the current page is fetched before it is needed
    for (int i = 0; i < 500; i++) {
      members.next();
    }
    assertThat(counting.pages).isEqualTo(1);
    members.next();
    assertThat(counting.pages).isEqualTo(2);

    Set<String> seen = new HashSet<>();
    members.forEachRemaining(seen::add);
    assertThat(seen).hasSize(10_000 - 501);
    assertThat(counting.pages).isEqualTo(20);
    assertThat(counting.largestPage).isEqualTo(500);
  }

  @Test
  void aMillionMemberGroupIsNeverHeldByTheCaller() {
    // a directory that makes up its members page by page: it holds none of them
    RecipientDirectory generated = new RecipientDirectory() {
      @Override
      public Optional<UserProfile> findUser(String userId) {
        return Optional.empty();
      }

      @Override
      public Optional<GroupPage> groupPage(String groupId, String cursor, int pageSize) {
        int from = cursor == null ? 0 : Integer.parseInt(cursor);
        int to = Math.min(1_000_000, from + pageSize);
        List<String> page = IntStream.range(from, to).mapToObj(Integer::toString).toList();
        return Optional.of(new GroupPage(page, to < 1_000_000 ? Integer.toString(to) : null));
      }
    };
    long count = 0;
    long sum = 0;
    for (Iterator<String> it = generated.groupMembers("all", 1000).orElseThrow(); it.hasNext();) {
      sum += Integer.parseInt(it.next());
      count++;
    }
    assertThat(count).isEqualTo(1_000_000);
    assertThat(sum).isEqualTo(999_999L * 1_000_000L / 2);
  }

  @Test
  void walkingAGroupWhileItChangesNeverSkipsOrRepeatsARemainingMember() {
    directory.addToGroup("g", "a", "b", "c", "d", "e", "f");
    Iterator<String> it = directory.groupMembers("g", 2).orElseThrow();
    List<String> seen = new ArrayList<>();
    seen.add(it.next());
    seen.add(it.next());
    directory.removeFromGroup("g", "a"); // already seen
    directory.removeFromGroup("g", "e"); // not yet seen: gone
    directory.addToGroup("g", "bb"); // after the cursor: seen
    it.forEachRemaining(seen::add);
    assertThat(seen).containsExactly("a", "b", "bb", "c", "d", "f");
  }

  @Test
  void anUnknownGroupIsEmptyAndAnEmptyGroupHasNoMembers() {
    assertThat(directory.groupMembers("nope", 10)).isEmpty();
    assertThat(directory.groupPage("nope", null, 10)).isEmpty();
    directory.addToGroup("empty");
    assertThat(directory.groupMembers("empty", 10).orElseThrow()).isExhausted();
    assertThat(directory.groupPage("empty", null, 10).orElseThrow().nextCursor()).isNull();
  }

  private static final class CountingDirectory implements RecipientDirectory {
    private final RecipientDirectory delegate;
    int pages;
    int largestPage;

    CountingDirectory(RecipientDirectory delegate) {
      this.delegate = delegate;
    }

    @Override
    public Optional<UserProfile> findUser(String userId) {
      return delegate.findUser(userId);
    }

    @Override
    public Optional<GroupPage> groupPage(String groupId, String cursor, int pageSize) {
      Optional<GroupPage> page = delegate.groupPage(groupId, cursor, pageSize);
      pages++;
      page.ifPresent(p -> largestPage = Math.max(largestPage, p.userIds().size()));
      return page;
    }
  }
}
