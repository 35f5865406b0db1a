package dev.notify.sms;

import static java.util.Objects.requireNonNull;

import dev.notify.sms.internal.Gsm7;

/**
 * How an SMS body is encoded and into how many segments it is split, as carriers bill it.
 *
 * <pre>{@code
 * SmsSegments.of("Your code is 1234");        // GSM_7, 17 units, 1 segment
 * SmsSegments.of("주문이 발송되었습니다");        // UCS_2, 11 units, 1 segment
 * SmsSegments.of("€".repeat(81));              // GSM_7, 162 units (€ is an escape), 2 segments
 * }</pre>
 *
 * <p>A body whose every character is in the GSM 03.38 default alphabet or its extension table is
 * GSM-7: one septet per character, two for the extension characters ({@code ^ { } \ [ ] ~ | €}
 * and form feed), 160 septets in one segment, 153 per segment of a longer message (the rest is
 * the concatenation header). Any other character makes the whole body UCS-2: UTF-16 code units,
 * so an emoji outside the Basic Multilingual Plane counts 2; 70 units in one segment, 67 per
 * segment of a longer one. A segment never splits an escape pair or a surrogate pair, so a long
 * message can need one segment more than the plain division says.
 *
 * @param encoding the encoding the body needs
 * @param units septets (GSM-7) or UTF-16 code units (UCS-2)
 * @param segments the number of SMS segments; 0 for an empty body
 */
public record SmsSegments(Encoding encoding, int units, int segments) {

  /** The encoding of an SMS body. */
  public enum Encoding {
    /** The GSM 03.38 7-bit default alphabet with its extension table. */
    GSM_7,
    /** UCS-2 (UTF-16 on the wire): any character. */
    UCS_2
  }

  /**
   * Checks the counts.
   *
   * @param encoding the encoding
   * @param units the units
   * @param segments the segments
   */
  public SmsSegments {
    requireNonNull(encoding, "encoding");
    if (units < 0 || segments < 0) {
      throw new IllegalArgumentException("counts must not be negative: " + units + ", "
          + segments);
    }
  }

  /**
   * {@return the encoding and segments of {@code body}}
   *
   * @param body the message text
   */
  public static SmsSegments of(String body) {
    requireNonNull(body, "body");
    boolean gsm = body.codePoints().allMatch(c -> Gsm7.septets(c) > 0);
    if (gsm) {
      int[] widths = body.codePoints().map(Gsm7::septets).toArray();
      return count(Encoding.GSM_7, widths, 160, 153);
    }
    int[] widths = body.codePoints().map(Character::charCount).toArray();
    return count(Encoding.UCS_2, widths, 70, 67);
  }

  private static SmsSegments count(Encoding encoding, int[] widths, int single, int part) {
    int units = 0;
    for (int w : widths) {
      units += w;
    }
    if (units == 0) {
      return new SmsSegments(encoding, 0, 0);
    }
    if (units <= single) {
      return new SmsSegments(encoding, units, 1);
    }
    int segments = 1;
    int used = 0;
    for (int w : widths) {
      if (used + w > part) {
        segments++;
        used = 0;
      }
      used += w;
    }
    return new SmsSegments(encoding, units, segments);
  }
}
