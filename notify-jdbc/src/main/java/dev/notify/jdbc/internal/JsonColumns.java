package dev.notify.jdbc.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.notify.ChannelType;
import dev.notify.Recipient;
import dev.notify.spi.log.DeliveryUpdate;
import dev.notify.status.Attempt;
import dev.notify.status.Outcome;
import dev.notify.status.Receipt;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The JSON text of the delivery columns that hold structured values: attempts, receipts, the
 * address and the last transition's update. The notification itself is written by core's
 * {@code NotificationCodec}; these are the log's own values, so their shape is the log's.
 */
final class JsonColumns {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonColumns() {
  }

  static String attempts(List<Attempt> attempts) {
    ArrayNode a = MAPPER.createArrayNode();
    for (Attempt at : attempts) {
      a.add(attempt(at));
    }
    return a.toString();
  }

  static List<Attempt> attempts(String json) {
    List<Attempt> out = new ArrayList<>();
    for (JsonNode n : read(json)) {
      out.add(attempt(n));
    }
    return out;
  }

  static String receipts(List<Receipt> receipts) {
    ArrayNode a = MAPPER.createArrayNode();
    for (Receipt r : receipts) {
      a.add(receipt(r));
    }
    return a.toString();
  }

  static List<Receipt> receipts(String json) {
    List<Receipt> out = new ArrayList<>();
    for (JsonNode n : read(json)) {
      out.add(receipt(n));
    }
    return out;
  }

  static String receiptText(Receipt r) {
    return receipt(r).toString();
  }

  static Receipt receiptOf(String json) {
    return receipt(read(json));
  }

  static String address(Recipient r) {
    ObjectNode o = MAPPER.createObjectNode();
    if (r instanceof Recipient.Address a) {
      o.put("type", a.type().id()).put("value", a.value());
    } else if (r instanceof Recipient.User u) {
      o.put("user", u.id());
    } else if (r instanceof Recipient.Group g) {
      o.put("group", g.id());
    }
    return o.toString();
  }

  static Recipient address(String json) {
    JsonNode o = read(json);
    if (o.has("user")) {
      return Recipient.user(o.get("user").asText());
    }
    if (o.has("group")) {
      return Recipient.group(o.get("group").asText());
    }
    return Recipient.address(ChannelType.of(o.get("type").asText()), o.get("value").asText());
  }

  /** A canonical text of an update: equal updates give equal text (a retried transition). */
  static String update(DeliveryUpdate u) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("state", u.state().name());
    if (u.attempt() != null) {
      o.set("attempt", attempt(u.attempt()));
    }
    o.put("counts", u.countsAttempt());
    if (u.dueAt() != null) {
      o.put("dueAt", u.dueAt().toString());
    }
    if (u.dueIn() != null) {
      o.put("dueIn", u.dueIn().toString());
    }
    o.put("release", u.release());
    putNullable(o, "reason", u.reason());
    putNullable(o, "pmid", u.providerMessageId());
    return o.toString();
  }

  private static ObjectNode attempt(Attempt at) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("n", at.number()).put("at", at.at().toString()).put("outcome", at.outcome().name());
    putNullable(o, "error", at.error());
    putNullable(o, "pmid", at.providerMessageId());
    return o;
  }

  private static Attempt attempt(JsonNode n) {
    return new Attempt(n.get("n").asInt(), Instant.parse(n.get("at").asText()),
        Outcome.valueOf(n.get("outcome").asText()), text(n, "error"), text(n, "pmid"));
  }

  private static ObjectNode receipt(Receipt r) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("kind", r.kind().name()).put("at", r.at().toString());
    putNullable(o, "detail", r.detail());
    return o;
  }

  private static Receipt receipt(JsonNode n) {
    return new Receipt(Receipt.Kind.valueOf(n.get("kind").asText()),
        Instant.parse(n.get("at").asText()), text(n, "detail"));
  }

  private static void putNullable(ObjectNode o, String field, @Nullable String value) {
    if (value != null) {
      o.put(field, value);
    }
  }

  private static @Nullable String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static JsonNode read(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored column is not the JSON the log wrote: "
          + e.getOriginalMessage(), e);
    }
  }
}
