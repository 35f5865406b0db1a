package dev.notify.sms.internal;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import dev.notify.spi.Redaction;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Phone numbers through libphonenumber: parsed with an optional default region, checked as valid
 * numbers, written as E.164, and checked against the country allow-list.
 */
public final class PhoneRules {
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  private static final int MAX_INPUT = 64;

  private final @Nullable String defaultRegion;
  private final Set<String> allowedRegions;

  /**
   * Creates the rules.
   *
   * @param defaultRegion the ISO 3166 region for numbers without a country code, or {@code null}
   * @param allowedRegions regions messages may go to; empty for every region
   */
  public PhoneRules(@Nullable String defaultRegion, Set<String> allowedRegions) {
    this.defaultRegion = defaultRegion;
    this.allowedRegions = Set.copyOf(allowedRegions);
  }

  /** What {@link #parse} found: a {@link Parsed} number or a {@link Violation}. */
  public sealed interface Checked permits Parsed, Violation {
  }

  /** A number that passed: its E.164 form, its region and its type. */
  public record Parsed(String e164, String region, PhoneNumberUtil.PhoneNumberType type)
      implements Checked {
    @Override
    public String toString() {
      return "Parsed[" + Redaction.mask(e164) + ", " + region + "]";
    }
  }

  /**
   * {@return true if libphonenumber knows the region code}
   *
   * @param region an ISO 3166 region code, upper case
   */
  public static boolean isRegion(String region) {
    return UTIL.getSupportedRegions().contains(region);
  }

  /**
   * {@return the parsed number, or a violation of field {@code field}}
   *
   * @param field the field named in a violation
   * @param value the number as given
   * @param checkAllowList whether the country allow-list applies (destinations, not senders)
   */
  public Checked parse(String field, String value, boolean checkAllowList) {
    if (value.length() > MAX_INPUT) {
      return new Violation(field, "must be a phone number of at most " + MAX_INPUT
          + " characters, was " + value.length());
    }
    PhoneNumber number;
    try {
      number = UTIL.parse(value, defaultRegion == null ? "ZZ" : defaultRegion);
    } catch (NumberParseException e) {
      String why = switch (e.getErrorType()) {
        case INVALID_COUNTRY_CODE -> defaultRegion == null
            ? "needs a country code (+ and the country's calling code): no default region is"
              + " configured"
            : "has an unknown country code";
        case NOT_A_NUMBER -> "is not a phone number";
        case TOO_SHORT_AFTER_IDD, TOO_SHORT_NSN -> "is too short";
        case TOO_LONG -> "is too long";
      };
      return new Violation(field, "must be a valid phone number: " + Redaction.mask(value) + " "
          + why);
    }
    if (!UTIL.isValidNumber(number)) {
      return new Violation(field, "must be a valid phone number: " + Redaction.mask(value)
          + " is not a number in use in its country's numbering plan");
    }
    String region = UTIL.getRegionCodeForNumber(number);
    if (checkAllowList && !allowedRegions.isEmpty() && !allowedRegions.contains(region)) {
      return new Violation(field, "country " + region + " is not in the channel's allow-list "
          + allowedRegions.stream().sorted().toList() + " (SMS pumping protection)");
    }
    return new Parsed(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164), region,
        UTIL.getNumberType(number));
  }
}
