package dev.notify.policy;

import static java.util.Objects.requireNonNull;

import dev.notify.ChannelType;
import org.jspecify.annotations.Nullable;

/**
 * What a user opted out of: everything, one channel type, one category, or one category on one
 * channel type. A null part is a wildcard.
 *
 * <pre>{@code
 * preferences.optOut("u-42", OptOut.category("marketing"));
 * preferences.optOut("u-42", OptOut.channelAndCategory(ChannelType.SMS, "reminders"));
 * }</pre>
 *
 * @param channelType the channel type, or {@code null} for every channel type
 * @param category the category, or {@code null} for every category
 */
public record OptOut(@Nullable ChannelType channelType, @Nullable String category) {
  private static final OptOut ALL = new OptOut(null, null);

  /**
   * Rejects a blank category.
   *
   * @param channelType the channel type, or {@code null} for every channel type
   * @param category the category, or {@code null} for every category
   */
  public OptOut {
    if (category != null && category.isBlank()) {
      throw new IllegalArgumentException("category must not be blank");
    }
  }

  /**
   * {@return an opt-out of everything. Given for legal reasons, it is the one opt-out that even a
   * critical category does not bypass.}
   */
  public static OptOut all() {
    return ALL;
  }

  /**
   * {@return an opt-out of one channel type, every category}
   *
   * @param type the channel type
   */
  public static OptOut channel(ChannelType type) {
    return new OptOut(requireNonNull(type, "type"), null);
  }

  /**
   * {@return an opt-out of one category, on every channel type}
   *
   * @param category the category
   */
  public static OptOut category(String category) {
    return new OptOut(null, requireNonNull(category, "category"));
  }

  /**
   * {@return an opt-out of one category on one channel type}
   *
   * @param type the channel type
   * @param category the category
   */
  public static OptOut channelAndCategory(ChannelType type, String category) {
    return new OptOut(requireNonNull(type, "type"), requireNonNull(category, "category"));
  }

  /** {@return true for the opt-out of everything} */
  public boolean isAll() {
    return channelType == null && category == null;
  }

  /**
   * {@return true if this opt-out covers such a delivery}
   *
   * @param type the delivery's channel type
   * @param category the notification's category, or {@code null}; a category opt-out never matches
   *     a notification without a category
   */
  public boolean covers(ChannelType type, @Nullable String category) {
    requireNonNull(type, "type");
    return (channelType == null || channelType.equals(type))
        && (this.category == null || this.category.equals(category));
  }

  @Override
  public String toString() {
    if (isAll()) {
      return "OptOut[all]";
    }
    if (category == null) {
      return "OptOut[channel=" + channelType + "]";
    }
    return channelType == null ? "OptOut[category=" + category + "]"
        : "OptOut[channel=" + channelType + ", category=" + category + "]";
  }
}
