package dev.notify;

import static java.util.Objects.requireNonNull;

import dev.notify.template.TemplateRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One notification: who it is for, where it goes, what it says, and when. Immutable; build it with
 * {@link #builder()}.
 *
 * <pre>{@code
 * Notification n = Notification.builder()
 *     .id("order-1234-shipped")                 // the event id: re-sending it is deduplicated
 *     .to(Recipient.apnsToken(token))
 *     .title("Your order shipped")
 *     .body("It arrives on Tuesday.")
 *     .priority(Priority.HIGH)
 *     .build();
 * }</pre>
 *
 * <p>The id is the idempotency key. When none is given a random one is generated, which means the
 * notification is never deduplicated against another send. {@code send} checks its rules (an
 * {@link InvalidNotificationException} for field {@code id}): 1 to 200 characters, not blank, no
 * control characters, no unpaired surrogates, and no {@code ':'}. The colon is reserved: a group
 * broadcast notifies each member with a notification of its own whose id is
 * {@code <broadcast id>:<user id>} (up to 401 characters), so everything before the first colon
 * of such an id is the broadcast's and everything after it the user's. A caller's id can thus
 * never collide with, or stand in for, a member's.
 */
public final class Notification {
  private final String id;
  private final List<Recipient> recipients;
  private final List<Target> targets;
  private final @Nullable String category;
  private final Priority priority;
  private final Content content;
  private final @Nullable TemplateRef template;
  private final Map<Class<? extends ChannelOptions>, ChannelOptions> options;
  private final @Nullable Instant sendAt;
  private final @Nullable Instant expiresAt;
  private final Map<String, String> metadata;

  private Notification(Builder b) {
    this.id = b.id != null ? b.id : UUID.randomUUID().toString();
    this.recipients = List.copyOf(b.recipients);
    this.targets = List.copyOf(b.targets);
    this.category = b.category;
    this.priority = b.priority;
    this.content = new Content(b.title, b.body, b.data, b.subject, b.text, b.html);
    this.template = b.template;
    // Empty maps are shared: logs hold many notifications, most without options or metadata.
    this.options = b.options.isEmpty() ? Collections.emptyMap()
        : Collections.unmodifiableMap(new LinkedHashMap<>(b.options));
    this.sendAt = b.sendAt;
    this.expiresAt = b.expiresAt;
    this.metadata = b.metadata.isEmpty() ? Collections.emptyMap()
        : Collections.unmodifiableMap(new TreeMap<>(b.metadata));
  }

  /** {@return a new builder} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return a builder holding a copy of this notification, to derive a variant from} */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.id = id;
    b.recipients.addAll(recipients);
    b.targets.addAll(targets);
    b.category = category;
    b.priority = priority;
    b.title = content.title();
    b.body = content.body();
    b.data.putAll(content.data());
    b.subject = content.subject();
    b.text = content.text();
    b.html = content.html();
    b.template = template;
    b.options.putAll(options);
    b.sendAt = sendAt;
    b.expiresAt = expiresAt;
    b.metadata.putAll(metadata);
    return b;
  }

  /** {@return the id, which is also the idempotency key} */
  public String id() {
    return id;
  }

  /** {@return the recipients, in the order given} */
  public List<Recipient> recipients() {
    return recipients;
  }

  /** {@return the targets; empty means each address's default channel} */
  public List<Target> targets() {
    return targets;
  }

  /** {@return the category (e.g. {@code "marketing"}, {@code "security"}), if set} */
  public Optional<String> category() {
    return Optional.ofNullable(category);
  }

  /** {@return the priority, {@link Priority#NORMAL} unless set} */
  public Priority priority() {
    return priority;
  }

  /** {@return the content} */
  public Content content() {
    return content;
  }

  /**
   * {@return the template to render per channel at dispatch, in the recipient's locale, if set;
   * rendered parts take the place of the inline content}
   */
  public Optional<TemplateRef> template() {
    return Optional.ofNullable(template);
  }

  /** {@return all typed channel options} */
  public Map<Class<? extends ChannelOptions>, ChannelOptions> options() {
    return options;
  }

  /**
   * {@return the options of that class, if the notification carries them}
   *
   * @param <T> the options type
   * @param type the options class a channel defines
   */
  public <T extends ChannelOptions> Optional<T> options(Class<T> type) {
    return Optional.ofNullable(type.cast(options.get(type)));
  }

  /** {@return when to send, if scheduled} */
  public Optional<Instant> sendAt() {
    return Optional.ofNullable(sendAt);
  }

  /** {@return when the notification stops being worth sending, if set} */
  public Optional<Instant> expiresAt() {
    return Optional.ofNullable(expiresAt);
  }

  /** {@return the caller's metadata, carried through to status and listeners} */
  public Map<String, String> metadata() {
    return metadata;
  }

  @Override
  public String toString() {
    return "Notification[id=" + id + ", recipients=" + recipients + ", targets=" + targets
        + ", priority=" + priority + (template != null ? ", template=" + template.id() : "")
        + (category != null ? ", category=" + category : "")
        + (sendAt != null ? ", sendAt=" + sendAt : "")
        + (expiresAt != null ? ", expiresAt=" + expiresAt : "") + "]";
  }

  /** Builds a {@link Notification}. Not thread-safe. */
  public static final class Builder {
    private @Nullable String id;
    private final List<Recipient> recipients = new ArrayList<>();
    private final List<Target> targets = new ArrayList<>();
    private @Nullable String category;
    private Priority priority = Priority.NORMAL;
    private @Nullable String title;
    private @Nullable String body;
    private final Map<String, String> data = new LinkedHashMap<>();
    private @Nullable String subject;
    private @Nullable String text;
    private @Nullable String html;
    private @Nullable TemplateRef template;
    private final Map<Class<? extends ChannelOptions>, ChannelOptions> options = new LinkedHashMap<>();
    private @Nullable Instant sendAt;
    private @Nullable Instant expiresAt;
    private final Map<String, String> metadata = new LinkedHashMap<>();

    private Builder() {
    }

    /**
     * Sets the id.
     *
     * @param id the caller's event id, used as the idempotency key; its rules (see the class
     *     Javadoc) are checked by {@code send}. Default: a random UUID.
     * @return this builder
     */
    public Builder id(String id) {
      this.id = requireNonNull(id, "id");
      return this;
    }

    /**
     * Adds recipients.
     *
     * @param recipients the recipients to add
     * @return this builder
     */
    public Builder to(Recipient... recipients) {
      for (Recipient r : recipients) {
        this.recipients.add(requireNonNull(r, "recipient"));
      }
      return this;
    }

    /**
     * Replaces the recipients.
     *
     * @param recipients the new recipients
     * @return this builder
     */
    public Builder recipients(List<? extends Recipient> recipients) {
      requireNonNull(recipients, "recipients");
      this.recipients.clear();
      return to(recipients);
    }

    /**
     * Adds recipients.
     *
     * @param recipients the recipients to add
     * @return this builder
     */
    public Builder to(List<? extends Recipient> recipients) {
      return to(recipients.toArray(new Recipient[0]));
    }

    /**
     * Targets every channel of these types (the default channel of each type).
     *
     * @param types the channel types to target
     * @return this builder
     */
    public Builder via(ChannelType... types) {
      for (ChannelType t : types) {
        targets.add(new Target.OfType(t));
      }
      return this;
    }

    /**
     * Targets push: every APNs and FCM address of the recipients.
     *
     * @return this builder
     */
    public Builder viaPush() {
      targets.add(new Target.OfFamily("push"));
      return this;
    }

    /**
     * Targets channels by their configured names, e.g. {@code "apns-sandbox"}.
     *
     * @param names the channel names
     * @return this builder
     */
    public Builder viaChannel(String... names) {
      for (String n : names) {
        targets.add(new Target.Named(n, null));
      }
      return this;
    }

    /**
     * Sets the category.
     *
     * @param category what kind of message this is (for preferences and rate limits)
     * @return this builder
     */
    public Builder category(String category) {
      this.category = requireNonNull(category, "category");
      return this;
    }

    /**
     * Sets the priority.
     *
     * @param priority default {@link Priority#NORMAL}
     * @return this builder
     */
    public Builder priority(Priority priority) {
      this.priority = requireNonNull(priority, "priority");
      return this;
    }

    /**
     * Sets the push title.
     *
     * @param title the push title
     * @return this builder
     */
    public Builder title(String title) {
      this.title = requireNonNull(title, "title");
      return this;
    }

    /**
     * Sets the push or SMS body.
     *
     * @param body the push or SMS body
     * @return this builder
     */
    public Builder body(String body) {
      this.body = requireNonNull(body, "body");
      return this;
    }

    /**
     * Adds one data entry delivered with a push.
     *
     * @param key the data key
     * @param value the data value
     * @return this builder
     */
    public Builder data(String key, String value) {
      data.put(requireNonNull(key, "key"), requireNonNull(value, "value"));
      return this;
    }

    /**
     * Adds data entries delivered with a push.
     *
     * @param entries the data entries to add
     * @return this builder
     */
    public Builder data(Map<String, String> entries) {
      entries.forEach(this::data);
      return this;
    }

    /**
     * Sets the email subject.
     *
     * @param subject the email subject
     * @return this builder
     */
    public Builder subject(String subject) {
      this.subject = requireNonNull(subject, "subject");
      return this;
    }

    /**
     * Sets the plain text email body.
     *
     * @param text the plain text email body
     * @return this builder
     */
    public Builder text(String text) {
      this.text = requireNonNull(text, "text");
      return this;
    }

    /**
     * Sets the HTML email body.
     *
     * @param html the HTML email body
     * @return this builder
     */
    public Builder html(String html) {
      this.html = requireNonNull(html, "html");
      return this;
    }

    /**
     * Renders the content from a template at dispatch, per channel and in the recipient's locale
     * (needs a {@code TemplateStore} on the client). Checked at {@code send} against the template's
     * default locale.
     *
     * @param template the template and its variables
     * @return this builder
     */
    public Builder template(TemplateRef template) {
      this.template = requireNonNull(template, "template");
      return this;
    }

    /**
     * Renders the content from template {@code id} with these variables.
     *
     * @param id the template id, e.g. {@code "order-shipped"}
     * @param variables the values for the template's variables
     * @return this builder
     */
    public Builder template(String id, Map<String, ?> variables) {
      return template(TemplateRef.of(id, variables));
    }

    /**
     * Adds typed options for one channel type; replaces earlier options of the same class.
     *
     * @param options the options of one channel type, e.g. APNs options
     * @return this builder
     */
    public Builder options(ChannelOptions options) {
      requireNonNull(options, "options");
      this.options.put(options.getClass(), options);
      return this;
    }

    /**
     * Schedules the notification.
     *
     * @param sendAt when to send; in the past or absent means now
     * @return this builder
     */
    public Builder sendAt(Instant sendAt) {
      this.sendAt = requireNonNull(sendAt, "sendAt");
      return this;
    }

    /**
     * Sets the expiry.
     *
     * @param expiresAt after this instant the notification is not sent (EXPIRED)
     * @return this builder
     */
    public Builder expiresAt(Instant expiresAt) {
      this.expiresAt = requireNonNull(expiresAt, "expiresAt");
      return this;
    }

    /**
     * Adds caller metadata (e.g. a tenant or campaign id).
     *
     * @param key the metadata key
     * @param value the metadata value
     * @return this builder
     */
    public Builder metadata(String key, String value) {
      metadata.put(requireNonNull(key, "key"), requireNonNull(value, "value"));
      return this;
    }

    /**
     * Builds the notification. Rules that depend on the client's channels (recipients, targets,
     * content, sizes) are checked by {@code send}, which throws
     * {@link InvalidNotificationException}.
     *
     * @return the notification
     */
    public Notification build() {
      return new Notification(this);
    }
  }
}
