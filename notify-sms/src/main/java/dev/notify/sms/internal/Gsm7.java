package dev.notify.sms.internal;

/**
 * The GSM 03.38 default alphabet and its extension table: a character of the basic table takes
 * one septet, one of the extension table two (the escape and the character).
 */
public final class Gsm7 {
  private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
      + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
  private static final String EXTENSION = "\f^{}\\[~]|€";

  private Gsm7() {
  }

  /**
   * {@return the septets {@code c} takes: 1 in the basic table, 2 in the extension table, 0 if
   * GSM-7 cannot encode it}
   *
   * @param c a code point
   */
  public static int septets(int c) {
    if (c > 0xFFFF) {
      return 0;
    }
    if (BASIC.indexOf(c) >= 0) {
      return 1;
    }
    return EXTENSION.indexOf(c) >= 0 ? 2 : 0;
  }
}
