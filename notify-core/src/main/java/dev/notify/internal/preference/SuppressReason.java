package dev.notify.internal.preference;

/** Why a preference held a delivery back; {@link #code()} is what status and events show. */
public enum SuppressReason {
  /** The user opted out of everything. */
  OPTED_OUT_ALL("opted-out-all"),
  /** A provider reported the user opted out of this channel type. */
  OPTED_OUT_AT_PROVIDER("opted-out-at-provider"),
  /** The user opted out of this channel type. */
  OPTED_OUT_CHANNEL("opted-out-channel"),
  /** The user opted out of this category. */
  OPTED_OUT_CATEGORY("opted-out-category"),
  /** The user opted out of this category on this channel type. */
  OPTED_OUT_CHANNEL_CATEGORY("opted-out-channel-category");

  private final String code;

  SuppressReason(String code) {
    this.code = code;
  }

  /** {@return the reason as shown in status and events, e.g. {@code opted-out-channel}} */
  public String code() {
    return code;
  }
}
