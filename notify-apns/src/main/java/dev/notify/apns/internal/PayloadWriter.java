package dev.notify.apns.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.notify.Content;
import dev.notify.apns.ApnsOptions;
import dev.notify.apns.ApnsPushType;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Writes the APNs JSON payload with Jackson's streaming generator, straight to UTF-8 bytes, so the
 * size Apple limits is known without encoding twice. The keys are Apple's: an {@code aps}
 * dictionary (alert with title, subtitle and body; badge, sound, category, thread-id,
 * mutable-content, content-available) and the custom data at the top level.
 */
final class PayloadWriter {
  private static final JsonFactory JSON = new JsonFactory();

  private PayloadWriter() {
  }

  /** @return the payload as UTF-8 bytes */
  static byte[] write(Content content, ApnsOptions options, ApnsPushType pushType) {
    ByteArrayBuilder out = new ByteArrayBuilder(2048);
    generate(out, content, options, pushType);
    return out.toByteArray();
  }

  /** @return the payload's size in UTF-8 bytes, without keeping the payload */
  static int size(Content content, ApnsOptions options, ApnsPushType pushType) {
    Counter counter = new Counter();
    generate(counter, content, options, pushType);
    return counter.count;
  }

  private static void generate(OutputStream out, Content content, ApnsOptions options,
      ApnsPushType pushType) {
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeObjectFieldStart("aps");
      if (content.title() != null || content.body() != null || options.subtitle() != null) {
        g.writeObjectFieldStart("alert");
        writeIfSet(g, "title", content.title());
        writeIfSet(g, "subtitle", options.subtitle());
        writeIfSet(g, "body", content.body());
        g.writeEndObject();
      }
      if (options.badge() != null) {
        g.writeNumberField("badge", options.badge());
      }
      writeIfSet(g, "sound", options.sound());
      writeIfSet(g, "category", options.category());
      writeIfSet(g, "thread-id", options.threadId());
      if (options.mutableContent()) {
        g.writeNumberField("mutable-content", 1);
      }
      if (options.contentAvailable() || pushType == ApnsPushType.BACKGROUND) {
        g.writeNumberField("content-available", 1);
      }
      g.writeEndObject();
      for (Map.Entry<String, String> e : content.data().entrySet()) {
        // A key in both: the channel-specific custom data wins.
        if (!options.customData().containsKey(e.getKey())) {
          g.writeStringField(e.getKey(), e.getValue());
        }
      }
      for (Map.Entry<String, Object> e : options.customData().entrySet()) {
        g.writeFieldName(e.getKey());
        writeValue(g, e.getValue());
      }
      g.writeEndObject();
    } catch (IOException e) {
      // Writing to memory does not fail; Jackson declares it for streams.
      throw new UncheckedIOException(e);
    }
  }

  /** Counts what the generator flushes and keeps none of it. */
  private static final class Counter extends OutputStream {
    int count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }

  private static void writeIfSet(JsonGenerator g, String name, String value) throws IOException {
    if (value != null) {
      g.writeStringField(name, value);
    }
  }

  /** The value types {@link ApnsOptions} admits: string, number, boolean, list and map. */
  private static void writeValue(JsonGenerator g, Object value) throws IOException {
    if (value instanceof String s) {
      g.writeString(s);
    } else if (value instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      g.writeNumber(((Number) value).intValue());
    } else if (value instanceof Long l) {
      g.writeNumber(l);
    } else if (value instanceof BigInteger i) {
      g.writeNumber(i);
    } else if (value instanceof BigDecimal d) {
      g.writeNumber(d);
    } else if (value instanceof Float f) {
      g.writeNumber(f);
    } else if (value instanceof Number n) {
      g.writeNumber(n.doubleValue());
    } else if (value instanceof Map<?, ?> map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        g.writeFieldName((String) e.getKey());
        writeValue(g, e.getValue());
      }
      g.writeEndObject();
    } else if (value instanceof List<?> list) {
      g.writeStartArray();
      for (Object item : list) {
        writeValue(g, item);
      }
      g.writeEndArray();
    } else {
      throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
    }
  }
}
