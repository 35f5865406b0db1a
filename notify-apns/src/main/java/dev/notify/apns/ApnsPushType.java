package dev.notify.apns;

/**
 * The {@code apns-push-type} of a notification. Apple requires it on every request; when
 * {@link ApnsOptions#pushType()} is not set the channel picks {@link #ALERT}, or
 * {@link #BACKGROUND} for a push that only sets {@link ApnsOptions#contentAvailable()}.
 *
 * <p>Push types other than alert and background go to a topic with a suffix (Apple's rule, e.g.
 * {@code com.example.app.voip}); the channel appends it to the topic when it is missing.
 */
public enum ApnsPushType {
  /** A visible alert, sound or badge. The default. */
  ALERT("alert", ""),
  /** A silent push that wakes the app ({@code content-available}); always sent with priority 5. */
  BACKGROUND("background", ""),
  /** A PushKit VoIP call; payload limit 5120 bytes. Topic suffix {@code .voip}. */
  VOIP("voip", ".voip"),
  /** A watchOS complication update. Topic suffix {@code .complication}. */
  COMPLICATION("complication", ".complication"),
  /** A File Provider change. Topic suffix {@code .pushkit.fileprovider}. */
  FILEPROVIDER("fileprovider", ".pushkit.fileprovider"),
  /** A location query. Topic suffix {@code .location-query}. */
  LOCATION("location", ".location-query"),
  /** A Push to Talk update. Topic suffix {@code .voip-ptt}. */
  PUSH_TO_TALK("pushtotalk", ".voip-ptt");

  private final String headerValue;
  private final String topicSuffix;

  ApnsPushType(String headerValue, String topicSuffix) {
    this.headerValue = headerValue;
    this.topicSuffix = topicSuffix;
  }

  /** {@return the value of the {@code apns-push-type} header, e.g. {@code "voip"}} */
  public String headerValue() {
    return headerValue;
  }

  /** {@return the suffix Apple requires on the topic, or {@code ""} for alert and background} */
  public String topicSuffix() {
    return topicSuffix;
  }
}
