package dev.notify.recipient;

import static java.util.Objects.requireNonNull;

import dev.notify.ChannelType;
import dev.notify.Recipient;
import dev.notify.spi.Redaction;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link dev.notify.spi.store.RecipientDirectory} knows about a user: any number of addresses per
 * channel type (several devices, several emails), with their registration times, and the user's
 * locale, time zone and default channel types. Immutable.
 *
 * <pre>{@code
 * UserProfile mina = UserProfile.builder("u-42")
 *     .apnsToken(iphoneToken, registeredAt)
 *     .fcmToken(pixelToken, registeredAt)
 *     .email("mina@example.com")
 *     .locale(Locale.forLanguageTag("ko-KR"))
 *     .zone(ZoneId.of("Asia/Seoul"))
 *     .build();
 * }</pre>
 */
public final class UserProfile {
  private final String userId;
  private final List<Contact> contacts;
  private final @Nullable Locale locale;
  private final @Nullable ZoneId zone;
  private final Set<ChannelType> defaultChannels;

  private UserProfile(Builder b) {
    this.userId = b.userId;
    List<Contact> list = new ArrayList<>();
    b.contacts.forEach((address, at) -> list.add(new Contact(address, at)));
    this.contacts = Collections.unmodifiableList(list);
    this.locale = b.locale;
    this.zone = b.zone;
    this.defaultChannels = Collections.unmodifiableSet(new LinkedHashSet<>(b.defaultChannels));
  }

  /**
   * {@return a builder for the user with this id}
   *
   * @param userId the user's id
   */
  public static Builder builder(String userId) {
    return new Builder(userId);
  }

  /** {@return a builder holding a copy of this profile} */
  public Builder toBuilder() {
    Builder b = new Builder(userId);
    contacts.forEach(b::contact);
    b.locale = locale;
    b.zone = zone;
    b.defaultChannels.addAll(defaultChannels);
    return b;
  }

  /** {@return the user id} */
  public String userId() {
    return userId;
  }

  /** {@return every address with its registration time, in the order added} */
  public List<Contact> contacts() {
    return contacts;
  }

  /** {@return every address, in the order added} */
  public List<Recipient.Address> addresses() {
    return contacts.stream().map(Contact::address).toList();
  }

  /**
   * {@return the addresses of one channel type, in the order added}
   *
   * @param type the channel type
   */
  public List<Recipient.Address> addresses(ChannelType type) {
    requireNonNull(type, "type");
    return contacts.stream().map(Contact::address).filter(a -> a.type().equals(type)).toList();
  }

  /**
   * {@return the registration of this address, if the user has it}
   *
   * @param address the address
   */
  public Optional<Contact> contact(Recipient.Address address) {
    requireNonNull(address, "address");
    return contacts.stream().filter(c -> c.address().equals(address)).findFirst();
  }

  /** {@return the user's locale, for choosing a template variant, if known} */
  public Optional<Locale> locale() {
    return Optional.ofNullable(locale);
  }

  /** {@return the user's time zone, for quiet hours, if known} */
  public Optional<ZoneId> zone() {
    return Optional.ofNullable(zone);
  }

  /**
   * {@return the channel types to use when a notification names no target; empty leaves that to the
   * client (every type the user has an address for)}
   */
  public Set<ChannelType> defaultChannels() {
    return defaultChannels;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof UserProfile)) {
      return false;
    }
    UserProfile p = (UserProfile) o;
    return userId.equals(p.userId) && contacts.equals(p.contacts) && Objects.equals(locale, p.locale)
        && Objects.equals(zone, p.zone) && defaultChannels.equals(p.defaultChannels);
  }

  @Override
  public int hashCode() {
    return Objects.hash(userId, contacts, locale, zone, defaultChannels);
  }

  /** The user id is masked (applications use emails as user ids); addresses are not shown. */
  @Override
  public String toString() {
    return "UserProfile[userId=" + Redaction.mask(userId) + ", contacts=" + contacts.size()
        + (locale != null ? ", locale=" + locale.toLanguageTag() : "")
        + (zone != null ? ", zone=" + zone : "") + "]";
  }

  /** Builds a {@link UserProfile}. Not thread-safe. */
  public static final class Builder {
    private final String userId;
    private final Map<Recipient.Address, Instant> contacts = new LinkedHashMap<>();
    private @Nullable Locale locale;
    private @Nullable ZoneId zone;
    private final Set<ChannelType> defaultChannels = new LinkedHashSet<>();

    private Builder(String userId) {
      requireNonNull(userId, "userId");
      if (userId.isBlank()) {
        throw new IllegalArgumentException("user id must not be blank");
      }
      this.userId = userId;
    }

    /**
     * Adds an address. The same address added twice is kept once, with the later registration.
     *
     * @param address the address
     * @param registeredAt when the address was registered or last confirmed by the user's device
     * @return this builder
     */
    public Builder contact(Recipient.Address address, Instant registeredAt) {
      requireNonNull(address, "address");
      requireNonNull(registeredAt, "registeredAt");
      contacts.merge(address, registeredAt, (a, b) -> a.isAfter(b) ? a : b);
      return this;
    }

    /**
     * Adds an address.
     *
     * @param contact the address with its registration time
     * @return this builder
     */
    public Builder contact(Contact contact) {
      requireNonNull(contact, "contact");
      return contact(contact.address(), contact.registeredAt());
    }

    /**
     * Adds an APNs device token registered at {@code registeredAt}.
     *
     * @param token the device token, hex
     * @param registeredAt when the device registered it
     * @return this builder
     */
    public Builder apnsToken(String token, Instant registeredAt) {
      return contact(Recipient.apnsToken(token), registeredAt);
    }

    /**
     * Adds an FCM registration token registered at {@code registeredAt}.
     *
     * @param token the registration token
     * @param registeredAt when the device registered it
     * @return this builder
     */
    public Builder fcmToken(String token, Instant registeredAt) {
      return contact(Recipient.fcmToken(token), registeredAt);
    }

    /**
     * Adds a phone number whose registration time is unknown.
     *
     * @param number the phone number (E.164 recommended)
     * @return this builder
     */
    public Builder phone(String number) {
      return contact(Recipient.phone(number), Instant.EPOCH);
    }

    /**
     * Adds a phone number registered at {@code registeredAt}.
     *
     * @param number the phone number (E.164 recommended)
     * @param registeredAt when the number was registered or last confirmed
     * @return this builder
     */
    public Builder phone(String number, Instant registeredAt) {
      return contact(Recipient.phone(number), registeredAt);
    }

    /**
     * Adds an email address whose registration time is unknown.
     *
     * @param address the email address
     * @return this builder
     */
    public Builder email(String address) {
      return contact(Recipient.email(address), Instant.EPOCH);
    }

    /**
     * Adds an email address registered at {@code registeredAt}.
     *
     * @param address the email address
     * @param registeredAt when the address was registered or last confirmed
     * @return this builder
     */
    public Builder email(String address, Instant registeredAt) {
      return contact(Recipient.email(address), registeredAt);
    }

    /**
     * Removes an address.
     *
     * @param address the address to remove
     * @return this builder
     */
    public Builder removeContact(Recipient.Address address) {
      contacts.remove(requireNonNull(address, "address"));
      return this;
    }

    /**
     * Sets the user's locale.
     *
     * @param locale the user's locale; default unknown (the template's default locale)
     * @return this builder
     */
    public Builder locale(Locale locale) {
      this.locale = requireNonNull(locale, "locale");
      return this;
    }

    /**
     * Sets the user's time zone.
     *
     * @param zone the user's time zone; default unknown (the client's default zone)
     * @return this builder
     */
    public Builder zone(ZoneId zone) {
      this.zone = requireNonNull(zone, "zone");
      return this;
    }

    /**
     * Sets the user's default channel types.
     *
     * @param types the channel types used when a notification names no target; default none
     * @return this builder
     */
    public Builder defaultChannels(ChannelType... types) {
      defaultChannels.clear();
      Arrays.stream(types).forEach(t -> defaultChannels.add(requireNonNull(t, "type")));
      return this;
    }

    /** {@return the profile} */
    public UserProfile build() {
      return new UserProfile(this);
    }
  }
}
