package dev.notify.coretests.engine;

import static dev.notify.coretests.engine.Fixtures.EMAIL;
import static dev.notify.coretests.engine.Fixtures.T0;
import static dev.notify.coretests.engine.Fixtures.finalStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.ChannelOptions;
import dev.notify.IdempotencyConflictException;
import dev.notify.InvalidNotificationException;
import dev.notify.Notification;
import dev.notify.NotificationClient;
import dev.notify.Priority;
import dev.notify.Recipient;
import dev.notify.SendReceipt;
import dev.notify.inmemory.InMemoryNotificationLog;
import dev.notify.inmemory.InMemoryTemplateStore;
import dev.notify.template.Template;
import dev.notify.template.TemplateParts;
import dev.notify.testkit.ManualTime;
import dev.notify.testkit.RecordingChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What counts as "the same notification" for an id sent again: the payload hash over everything
 * that defines it, independent of how the caller's maps were built, and the variables it rejects.
 */
class IdempotencyHashTest {
  private final ManualTime time = ManualTime.startingAt(T0);
  private final InMemoryNotificationLog log = InMemoryNotificationLog.create();
  private final InMemoryTemplateStore templates = new InMemoryTemplateStore()
      .put(Template.builder("welcome", Locale.ENGLISH)
          .variant(Locale.ENGLISH, TemplateParts.builder()
              .email("Welcome {{name}}", "Hi {{name}}", null).build())
          .build())
      .put(Template.builder("show", Locale.ENGLISH)
          .variant(Locale.ENGLISH, TemplateParts.builder()
              .email("Your data", "{{data}}", null).build())
          .build());
  private final List<NotificationClient> clients = new ArrayList<>();
  private final NotificationClient client = client();

  /** A channel's typed options, as a custom channel defines them. */
  record TrackingOptions(String campaign, int level) implements ChannelOptions {
  }

  private NotificationClient client() {
    NotificationClient c = NotificationClient.builder()
        .channel(RecordingChannel.builder("email").type(EMAIL).build()).log(log)
        .templates(templates).clock(time.clock()).scheduler(time).build();
    clients.add(c);
    return c;
  }

  @AfterEach
  void close() {
    clients.forEach(NotificationClient::close);
    time.close();
  }

  private static Notification welcome(String id, Map<String, ?> variables) {
    return Notification.builder().id(id).to(Recipient.email("ada@example.com"))
        .template("welcome", variables).build();
  }

  /** Customer data as one process builds it; {@code reversed} as another (or a restart) would. */
  private static Map<String, Object> variables(boolean reversed) {
    Map<String, Object> order = new LinkedHashMap<>();
    List<String> keys = new ArrayList<>(List.of("id", "total", "currency", "carrier", "eta"));
    if (reversed) {
      java.util.Collections.reverse(keys);
    }
    keys.forEach(k -> order.put(k, "value of " + k));
    // "AaAa", "AaBB", "BBAa" and "BBBB" share a hash code: a HashMap keeps them in one bucket in
    // insertion order, so its iteration order depends on how it was filled.
    Map<String, Object> lines = new HashMap<>();
    List<String> skus = new ArrayList<>(List.of("AaAa", "AaBB", "BBAa", "BBBB"));
    if (reversed) {
      java.util.Collections.reverse(skus);
    }
    skus.forEach(s -> lines.put(s, Map.of("qty", 1, "price", "9.99", "name", "item " + s)));
    return Map.of("name", "Ada", "order", order, "lines", lines,
        "address", reversed ? Map.of("zip", "04524", "city", "Seoul", "street", "Main")
            : Map.of("street", "Main", "city", "Seoul", "zip", "04524"));
  }

  @Test
  void aRetryWithMapsBuiltInAnotherOrderIsADuplicate() {
    assertThat(variables(false).get("lines").toString())
        .isNotEqualTo(variables(true).get("lines").toString());
    SendReceipt first = client.send(welcome("w-1", variables(false)));
    SendReceipt again = client.send(welcome("w-1", variables(true)));
    assertThat(first.duplicate()).isFalse();
    assertThat(again.duplicate()).isTrue();
  }

  @Test
  void aRetryOnAnotherInstanceWithMapsBuiltInAnotherOrderIsADuplicate() {
    finalStatus(client.send(welcome("w-2", variables(false))));
    NotificationClient other = client();
    SendReceipt again = other.send(welcome("w-2", variables(true)));
    assertThat(again.duplicate()).isTrue();
    assertThat(again.completion()).isCompleted();
  }

  @Test
  void arraysAreComparedByTheirContent() {
    client.send(welcome("w-3", Map.of("name", "Ada", "tags", new String[] {"new", "vip"},
        "scores", new int[] {3, 5})));
    assertThat(client.send(welcome("w-3", Map.of("name", "Ada",
        "tags", new String[] {"new", "vip"}, "scores", new int[] {3, 5}))).duplicate()).isTrue();
    assertThatThrownBy(() -> client.send(welcome("w-3", Map.of("name", "Ada",
        "tags", new String[] {"new", "vip"}, "scores", new int[] {3, 6}))))
        .isInstanceOf(IdempotencyConflictException.class);
  }

  @Test
  void aCyclicVariableIsRejectedAtSendAndNothingIsStored() {
    Map<String, Object> a = new HashMap<>();
    a.put("b", a);
    assertThatThrownBy(() -> client.send(welcome("w-4", Map.of("name", "Ada", "a", a))))
        .isInstanceOfSatisfying(InvalidNotificationException.class, e -> {
          assertThat(e.field()).isEqualTo("template.variables.a.b");
          assertThat(e.rule()).startsWith("contains a cycle");
        });
    assertThat(client.status("w-4")).isEmpty();

    // A cycle through a list and another map, which toString() cannot print either
    Map<String, Object> order = new HashMap<>();
    List<Object> items = new ArrayList<>();
    order.put("items", items);
    items.add(Map.of("order", order));
    assertThatThrownBy(() -> client.send(welcome("w-5", Map.of("name", "Ada", "order", order))))
        .isInstanceOfSatisfying(InvalidNotificationException.class, e ->
            assertThat(e.getMessage()).isEqualTo("template.variables.order.items[0].order:"
                + " contains a cycle (it refers back to template.variables.order)"));
    assertThat(client.status("w-5")).isEmpty();
  }

  @Test
  void aCycleIsRejectedBeforeTheTemplateRendersIt() {
    Map<String, Object> a = new HashMap<>();
    Map<String, Object> b = new HashMap<>();
    a.put("b", b);
    b.put("a", a);
    Notification n = Notification.builder().id("w-9").to(Recipient.email("ada@example.com"))
        .template("show", Map.of("data", a)).build();
    assertThatThrownBy(() -> client.send(n))
        .isInstanceOfSatisfying(InvalidNotificationException.class, e ->
            assertThat(e.field()).isEqualTo("template.variables.data.b.a"));
    assertThat(client.status("w-9")).isEmpty();
  }

  @Test
  void variablesNestedTwentyThousandDeepAreRejectedAtSendAndNothingIsStored() {
    Map<String, Object> deep = new HashMap<>();
    Map<String, Object> at = deep;
    for (int i = 0; i < 20_000; i++) {
      Map<String, Object> next = new HashMap<>();
      at.put("x", next);
      at = next;
    }
    assertThatThrownBy(() -> client.send(welcome("w-6", Map.of("name", "Ada", "deep", deep))))
        .isInstanceOfSatisfying(InvalidNotificationException.class, e -> {
          assertThat(e.field()).startsWith("template.variables.deep.x.x");
          assertThat(e.rule()).isEqualTo("nested deeper than 32 levels");
        });
    assertThat(client.status("w-6")).isEmpty();
  }

  @Test
  void aVariableOfAnUnsupportedTypeIsRejectedAtSend() {
    Object user = new Object() {
      @Override
      public String toString() {
        return "Ada";
      }
    };
    assertThatThrownBy(() -> client.send(welcome("w-7", Map.of("name", user))))
        .isInstanceOfSatisfying(InvalidNotificationException.class, e -> {
          assertThat(e.field()).isEqualTo("template.variables.name");
          assertThat(e.rule()).isEqualTo("value of type " + user.getClass().getName()
              + " is not supported; use strings, numbers, booleans, lists and maps");
        });
    assertThat(client.status("w-7")).isEmpty();
  }

  @Test
  void aBadVariableInABatchIsNamedByItsPlaceAndNothingIsStored() {
    Map<String, Object> a = new HashMap<>();
    a.put("self", a);
    assertThatThrownBy(() -> client.sendAll(List.of(welcome("b-1", Map.of("name", "Ada")),
        welcome("b-2", Map.of("name", "Bo", "a", a)))))
        .isInstanceOfSatisfying(InvalidNotificationException.class, e ->
            assertThat(e.field()).isEqualTo("notifications[1].template.variables.a.self"));
    assertThat(client.status("b-1")).isEmpty();
    assertThat(client.status("b-2")).isEmpty();
  }

  @Test
  void changingWhenOrHowItIsSentUnderTheSameIdIsAConflict() {
    Map<String, UnaryOperator<Notification.Builder>> changes = new LinkedHashMap<>();
    changes.put("category", b -> b.category("marketing"));
    changes.put("priority", b -> b.priority(Priority.HIGH));
    changes.put("sendAt", b -> b.sendAt(T0.plus(Duration.ofHours(2))));
    changes.put("expiresAt", b -> b.expiresAt(T0.plus(Duration.ofDays(2))));
    changes.put("options", b -> b.options(new TrackingOptions("spring", 2)));
    changes.forEach((what, change) -> {
      String id = "c-" + what;
      Notification first = Notification.builder().id(id).to(Recipient.email("ada@example.com"))
          .subject("Hello").text("Hi").category("orders").priority(Priority.NORMAL)
          .sendAt(T0.plus(Duration.ofHours(1))).expiresAt(T0.plus(Duration.ofDays(1)))
          .options(new TrackingOptions("spring", 1)).build();
      assertThat(client.send(first).duplicate()).as(what).isFalse();
      assertThat(client.send(first.toBuilder().build()).duplicate()).as(what).isTrue();
      Notification changed = change.apply(first.toBuilder()).build();
      assertThatThrownBy(() -> client.send(changed)).as(what)
          .isInstanceOf(IdempotencyConflictException.class);
      // and on an instance whose cache has never seen the id: the stored hash decides
      assertThatThrownBy(() -> client().send(changed)).as(what)
          .isInstanceOf(IdempotencyConflictException.class);
    });
  }

  @Test
  void aResendThatDiffersOnlyInMetadataIsADuplicate() {
    Notification first = welcome("w-8", Map.of("name", "Ada")).toBuilder()
        .metadata("traceId", "request-1").build();
    client.send(first);
    SendReceipt again = client.send(first.toBuilder().metadata("traceId", "request-2").build());
    assertThat(again.duplicate()).isTrue();
    assertThat(client.status("w-8")).isPresent();
  }
}
