package dev.notify.spi.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.notify.spi.Redaction;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * JSON text to and from plain values, with Jackson. A parsed document holds only
 * {@code Map<String, …>} (unmodifiable, in document order), {@code List}, {@code String},
 * {@code Boolean}, {@code Long} (integers in its range), {@code BigInteger} (integers beyond it),
 * {@code BigDecimal} (every number with a fraction or an exponent, exactly as written; a
 * negative zero, which BigDecimal cannot hold, is the {@code Double} {@code -0.0}) and
 * {@code null}. Duplicate keys and trailing text are errors.
 *
 * <p>Written text escapes every UTF-16 surrogate as {@code \}{@code uXXXX}: a lone surrogate
 * (which the payload hash accepts) then survives a store that encodes text as UTF-8.
 */
final class Json {
  /**
   * Reads what it writes: Jackson's default limits on the length of a string (20 MB), a name or
   * a number (1000 digits) guard against hostile input, but would refuse a long email body or a
   * large {@code BigInteger} that {@code toJson} wrote; the text read is a log's own.
   */
  private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder()
              .maxStringLength(Integer.MAX_VALUE)
              .maxNameLength(Integer.MAX_VALUE)
              .maxNumberLength(Integer.MAX_VALUE)
              .build())
          .build())
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();
  private static final ObjectWriter WRITER = MAPPER.writer().with(new SurrogateEscapes());
  /** A quoted token in a parser message: it may be a piece of an address or a token. */
  private static final Pattern QUOTED = Pattern.compile("'([^']{2,})'");

  private Json() {
  }

  /**
   * {@return the document's root object}
   *
   * @throws IllegalArgumentException if the text is not one JSON object
   */
  static Map<String, @Nullable Object> parseObject(String json) {
    Object value;
    try (JsonParser p = MAPPER.createParser(json)) {
      if (p.nextToken() == null) {
        throw new IllegalArgumentException("notification JSON is empty");
      }
      value = read(p);
      if (p.nextToken() != null) {
        throw new JsonParseException(p, "trailing text after the notification's object");
      }
    } catch (JsonProcessingException e) {
      // The parser's message may quote a piece of the text, so quoted parts are masked, and the
      // exception is not attached: its message would print them in full.
      String at = e.getLocation() == null ? ""
          : " at line " + e.getLocation().getLineNr() + ", column "
              + e.getLocation().getColumnNr();
      throw new IllegalArgumentException(
          "notification JSON is malformed" + at + ": " + mask(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new IllegalStateException("reading a String failed", e);
    }
    if (!(value instanceof Map<?, ?>)) {
      throw new IllegalArgumentException(
          "notification JSON must be an object, was " + Checks.kind(value));
    }
    @SuppressWarnings("unchecked") // read() makes every object a Map<String, Object>
    Map<String, @Nullable Object> map = (Map<String, @Nullable Object>) value;
    return map;
  }

  /** {@return the JSON text of a tree of the values {@link #checked} allows} */
  static String write(Map<String, @Nullable Object> document) {
    checkNames(document, "");
    try {
      return WRITER.writeValueAsString(document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not write checked JSON values", e);
    }
  }

  /**
   * {@return a copy of a value a codec encoded, if it is made of JSON values only}: {@code null},
   * {@code String}, {@code Boolean}, the integer types (as {@code Long}), {@code BigInteger},
   * finite {@code Float} and {@code Double}, {@code BigDecimal}, {@code List} and
   * {@code Map<String, …>}.
   *
   * @throws IllegalArgumentException naming the first value below {@code path} that is not
   */
  static @Nullable Object checked(@Nullable Object value, String path, int depth) {
    Checks.depth(path, depth);
    if (value == null || value instanceof String || value instanceof Boolean
        || value instanceof Long || value instanceof BigInteger || value instanceof BigDecimal) {
      return value;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Double || value instanceof Float) {
      if (!Double.isFinite(((Number) value).doubleValue())) {
        throw Checks.fail(path, "is " + value + ", which JSON cannot hold; use a finite number");
      }
      return value;
    }
    if (value instanceof List<?> list) {
      List<@Nullable Object> copy = new ArrayList<>(list.size());
      int i = 0;
      for (Object e : list) {
        copy.add(checked(e, Checks.index(path, i++), depth + 1));
      }
      return copy;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, @Nullable Object> copy = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!(e.getKey() instanceof String key)) {
          throw Checks.fail(path, "has a key that is not a string ("
              + (e.getKey() == null ? "null" : e.getKey().getClass().getName()) + ")");
        }
        copy.put(key, checked(e.getValue(), Checks.field(path, key), depth + 1));
      }
      return copy;
    }
    throw Checks.fail(path, "is a " + value.getClass().getName() + ", which is not a JSON value;"
        + " encode to String, Boolean, Long, Double, BigDecimal, List, Map<String, …> or null");
  }

  /**
   * Jackson's parser refuses a lone surrogate in a name, even escaped, so a key with one is
   * refused here rather than written in a form that cannot be read.
   */
  private static void checkNames(@Nullable Object value, String path) {
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> {
        String key = (String) k;
        for (int i = 0; i < key.length(); i++) {
          char c = key.charAt(i);
          if (Character.isHighSurrogate(c) && i + 1 < key.length()
              && Character.isLowSurrogate(key.charAt(i + 1))) {
            i++;
          } else if (Character.isSurrogate(c)) {
            throw Checks.fail(path, "has a key with a lone surrogate at index " + i + " ('"
                + Redaction.mask(key) + "'), which JSON parsers refuse in a name");
          }
        }
        checkNames(v, Checks.field(path, key));
      });
    } else if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        checkNames(list.get(i), Checks.index(path, i));
      }
    }
  }

  /** {@return the value that starts at the parser's current token} */
  private static @Nullable Object read(JsonParser p) throws IOException {
    switch (p.currentToken()) {
      case START_OBJECT: {
        Map<String, @Nullable Object> map = new LinkedHashMap<>();
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
          p.nextToken();
          map.put(name, read(p));
        }
        return Collections.unmodifiableMap(map);
      }
      case START_ARRAY: {
        List<@Nullable Object> list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          list.add(read(p));
        }
        return Collections.unmodifiableList(list);
      }
      case VALUE_STRING:
        return p.getText();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      case VALUE_NUMBER_INT:
        return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
            ? (Object) p.getBigIntegerValue() : (Object) p.getLongValue();
      case VALUE_NUMBER_FLOAT: {
        BigDecimal d = p.getDecimalValue();
        // BigDecimal has no negative zero; a double's -0.0 stays a Double so that it survives
        return d.signum() == 0 && p.getText().startsWith("-") ? (Object) (-0.0) : d;
      }
      default:
        throw new JsonParseException(p, "unexpected " + p.currentToken());
    }
  }

  private static String mask(String message) {
    Matcher m = QUOTED.matcher(message);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement("'" + Redaction.mask(m.group(1)) + "'"));
    }
    return m.appendTail(out).toString();
  }

  /** Escapes surrogates; everything else as Jackson's standard JSON escaping does. */
  private static final class SurrogateEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] ascii = standardAsciiEscapesForJSON();

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public @Nullable SerializableString getEscapeSequence(int ch) {
      return Character.isSurrogate((char) ch)
          ? new SerializedString(String.format("\\u%04x", ch)) : null;
    }
  }
}
