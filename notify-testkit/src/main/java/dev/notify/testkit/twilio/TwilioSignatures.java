package dev.notify.testkit.twilio;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Computes {@code X-Twilio-Signature} the way Twilio does for a form-encoded web-hook request:
 * the full URL the request is sent to, followed by each POST parameter's name and value with the
 * names sorted, HMAC-SHA1 with the account's auth token as key, base64.
 */
public final class TwilioSignatures {
  private TwilioSignatures() {
  }

  /**
   * {@return the signature of a POST to {@code url} with these form parameters}
   *
   * @param authToken the account's auth token
   * @param url the full URL, query included, exactly as the receiver is asked to check it
   * @param params the form parameters
   */
  public static String sign(String authToken, String url, Map<String, String> params) {
    requireNonNull(authToken, "authToken");
    StringBuilder data = new StringBuilder(requireNonNull(url, "url"));
    new TreeMap<>(params).forEach((name, value) -> data.append(name).append(value));
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder().encodeToString(
          mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is not available", e);
    }
  }
}
