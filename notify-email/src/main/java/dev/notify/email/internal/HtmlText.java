package dev.notify.email.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plain text part generated from HTML, for HTML-only content: mail clients that show text, and
 * spam filters, want both. Rough on purpose: blocks become lines, links keep their target, tags
 * go, common entities are decoded.
 */
final class HtmlText {
  private static final Pattern HIDDEN = Pattern.compile(
      "(?is)<(script|style|head)\\b.*?</\\1\\s*>|<!--.*?-->");
  private static final Pattern LINK = Pattern.compile(
      "(?is)<a\\b[^>]*?href\\s*=\\s*(\"([^\"]*)\"|'([^']*)')[^>]*>(.*?)</a\\s*>");
  private static final Pattern BREAK = Pattern.compile(
      "(?i)<br\\s*/?>|</(p|div|h[1-6]|li|tr|table|blockquote)\\s*>|<li\\b[^>]*>");
  private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");
  private static final Pattern NUMERIC = Pattern.compile("&#(x?)([0-9a-fA-F]{1,6});");

  private HtmlText() {
  }

  static String of(String html) {
    String s = HIDDEN.matcher(html).replaceAll("");
    Matcher m = LINK.matcher(s);
    StringBuilder linked = new StringBuilder();
    while (m.find()) {
      String href = m.group(2) != null ? m.group(2) : m.group(3);
      String text = m.group(4);
      String shown = TAG.matcher(text).replaceAll("").trim();
      String replacement = shown.isEmpty() || shown.equals(href) ? href : shown + " (" + href + ")";
      m.appendReplacement(linked, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(linked);
    s = linked.toString().replaceAll("\\s+", " ");
    s = BREAK.matcher(s).replaceAll("\n");
    s = TAG.matcher(s).replaceAll("");
    s = decode(s);
    StringBuilder out = new StringBuilder();
    for (String line : s.split("\n", -1)) {
      String t = line.strip();
      if (!t.isEmpty() || out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
        out.append(t).append('\n');
      }
    }
    return out.toString().strip() + "\n";
  }

  private static String decode(String s) {
    Matcher m = NUMERIC.matcher(s);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      int cp;
      try {
        cp = Integer.parseInt(m.group(2), m.group(1).isEmpty() ? 10 : 16);
      } catch (NumberFormatException e) {
        cp = 0xFFFD;
      }
      String ch = Character.isValidCodePoint(cp) ? new String(Character.toChars(cp)) : "\uFFFD";
      m.appendReplacement(b, Matcher.quoteReplacement(ch));
    }
    m.appendTail(b);
    return b.toString().replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">")
        .replace("&quot;", "\"").replace("&#39;", "'").replace("&apos;", "'")
        .replace("&amp;", "&");
  }
}
