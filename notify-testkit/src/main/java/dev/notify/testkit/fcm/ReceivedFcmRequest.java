package dev.notify.testkit.fcm;

import static java.util.Objects.requireNonNull;

import dev.notify.spi.Redaction;
import dev.notify.testkit.ReceivedMessage;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One {@code messages:send} request as {@link FcmPeer} read it: the project, the parsed JSON body
 * (so a test checks what was sent field by field) and how the peer answered.
 *
 * @param projectId the project id in the path
 * @param address the message's {@code token} (or {@code topic:<t>}, {@code condition:<c>})
 * @param body the whole JSON body, parsed: maps, lists, strings, numbers, booleans
 * @param authorization the {@code Authorization} header, or {@code null}
 * @param answer how the peer answered
 * @param name the message name the peer returned, or {@code null} for an error
 */
public record ReceivedFcmRequest(String projectId, String address, Map<String, Object> body,
    @Nullable String authorization, FcmAnswer answer, @Nullable String name)
    implements ReceivedMessage {

  /**
   * Rejects nulls.
   *
   * @param projectId the project id in the path
   * @param address the message's target
   * @param body the parsed body
   * @param authorization the {@code Authorization} header, or {@code null}
   * @param answer how the peer answered
   * @param name the message name returned, or {@code null}
   */
  public ReceivedFcmRequest {
    requireNonNull(projectId, "projectId");
    requireNonNull(address, "address");
    requireNonNull(body, "body");
    requireNonNull(answer, "answer");
  }

  @Override
  public boolean accepted() {
    return answer.accepted();
  }

  /** {@return the body's {@code message} object} */
  @SuppressWarnings("unchecked")
  public Map<String, Object> message() {
    Object m = body.get("message");
    return m instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  /**
   * {@return a value of the message by a dotted path, e.g. {@code "android.priority"} or
   * {@code "notification.title"}, or {@code null} if absent}
   *
   * @param path the path below {@code message}
   */
  public @Nullable Object at(String path) {
    Object current = message();
    for (String part : path.split("\\.")) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(part);
    }
    return current;
  }

  /** Shows the token masked and the answer; never the body (it may be personal). */
  @Override
  public String toString() {
    return "ReceivedFcmRequest[" + projectId + ", " + Redaction.mask(address) + ", " + answer
        + "]";
  }
}
