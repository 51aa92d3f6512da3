package io.casefile.ingest;

import com.google.protobuf.InvalidProtocolBufferException;
import io.casefile.store.SpanRow;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads an ExportTraceServiceRequest straight from the protobuf wire format into span rows,
 * without building the message objects: the same rows, rejections and errors as parsing the
 * message and flattening it ({@link SpanFlattener}), at a fraction of the allocation. Strings
 * whose bytes equal the previous span's at the same attribute position reuse its instance.
 *
 * <p>Sub-messages the rows do not use (events, links, the instrumentation scope) and attribute
 * values other than strings and numbers are handed to the generated parsers, so every validation
 * (UTF-8 included) is the protobuf library's.
 */
final class TraceWireDecoder {
  private static final int VARINT = 0;
  private static final int FIXED64 = 1;
  private static final int LENGTH = 2;
  private static final int FIXED32 = 5;

  private final SpanFlattener flattener;
  private final int maxAttributes;
  private final byte[] b;
  private final SpanFlattener.SpanFields f = new SpanFlattener.SpanFields();
  private final Recent keys = new Recent();
  private final Recent values = new Recent();
  /** The cursors of a KeyValue and of its AnyValue, reused: neither reading nests in itself. */
  private final Cursor kvCursor = new Cursor(0, 0);
  private final Cursor valueCursor = new Cursor(0, 0);
  /** What {@link #keyValue} read last. */
  private String kvKey;
  private String kvValue;

  private TraceWireDecoder(SpanFlattener flattener, byte[] body) {
    this.flattener = flattener;
    this.maxAttributes = flattener.limits.maxAttributesPerItem();
    this.b = body;
  }

  /** Decodes a body; throws InvalidProtocolBufferException where the generated parser would. */
  static Decoded decode(SpanFlattener flattener, byte[] body) throws InvalidProtocolBufferException {
    return new TraceWireDecoder(flattener, body).request();
  }

  private Decoded request() throws InvalidProtocolBufferException {
    List<SpanRow> rows = new ArrayList<>();
    Cursor c = new Cursor(0, b.length);
    while (c.more()) {
      int tag = c.tag();
      if (tag == (1 << 3 | LENGTH)) {
        int len = c.length();
        resourceSpans(c.pos, c.pos + len, rows);
        c.pos += len;
      } else {
        c.skip(tag);
      }
    }
    return flattener.result(rows);
  }

  private void resourceSpans(int from, int to, List<SpanRow> rows) throws InvalidProtocolBufferException {
    // the resource may follow its scope spans on the wire, and repeated occurrences merge: read it first
    Resource.Builder resource = Resource.newBuilder();
    Cursor c = new Cursor(from, to);
    while (c.more()) {
      int tag = c.tag();
      if (tag == (1 << 3 | LENGTH)) {
        int len = c.length();
        resource.mergeFrom(b, c.pos, len);
        c.pos += len;
      } else if (tag == (2 << 3 | LENGTH)) {
        c.skipBytes(c.length());
      } else if (tag == (3 << 3 | LENGTH)) {
        int len = c.length();
        checkUtf8(c.pos, len);
        c.pos += len;
      } else {
        c.skip(tag);
      }
    }
    List<KeyValue> attrs = resource.getAttributesList();
    SpanFlattener.Resource r = new SpanFlattener.Resource(Math.min(attrs.size(), maxAttributes), attrs.size());
    for (int i = 0; i < r.keys.length; i++) {
      r.set(i, attrs.get(i).getKey(), flattener.value(attrs.get(i)));
    }
    flattener.resource(r);
    c = new Cursor(from, to);
    while (c.more()) {
      int tag = c.tag();
      if (tag == (2 << 3 | LENGTH)) {
        int len = c.length();
        scopeSpans(c.pos, c.pos + len, r, rows);
        c.pos += len;
      } else if (tag == (1 << 3 | LENGTH) || tag == (3 << 3 | LENGTH)) {
        c.skipBytes(c.length());
      } else {
        c.skip(tag);
      }
    }
  }

  private void scopeSpans(int from, int to, SpanFlattener.Resource r, List<SpanRow> rows)
      throws InvalidProtocolBufferException {
    Cursor c = new Cursor(from, to);
    while (c.more()) {
      int tag = c.tag();
      if (tag == (1 << 3 | LENGTH)) {
        int len = c.length();
        InstrumentationScope.parser().parseFrom(b, c.pos, len);
        c.pos += len;
      } else if (tag == (2 << 3 | LENGTH)) {
        int len = c.length();
        span(c.pos, c.pos + len);
        flattener.add(rows, f, r);
        c.pos += len;
      } else if (tag == (3 << 3 | LENGTH)) {
        int len = c.length();
        checkUtf8(c.pos, len);
        c.pos += len;
      } else {
        c.skip(tag);
      }
    }
  }

  private void span(int from, int to) throws InvalidProtocolBufferException {
    f.reset();
    List<int[]> statuses = null;
    Cursor c = new Cursor(from, to);
    while (c.more()) {
      int tag = c.tag();
      int field = tag >>> 3;
      int wire = tag & 7;
      if (wire == LENGTH) {
        int len = c.length();
        int at = c.pos;
        c.pos += len;
        switch (field) {
          case 1 -> {
            f.traceLength = len;
            f.traceHigh = len == 16 ? longAt(at) : 0;
            f.traceLow = len == 16 ? longAt(at + 8) : 0;
          }
          case 2 -> {
            f.spanLength = len;
            f.spanId = len == 8 ? longAt(at) : 0;
          }
          case 3 -> checkUtf8(at, len);
          case 4 -> {
            f.parentLength = len;
            f.parentId = len == 8 ? longAt(at) : 0;
          }
          case 5 -> f.name = string(at, len);
          case 9 -> {
            f.attributeTotal++;
            if (f.attributes < maxAttributes) {
              keyValue(at, at + len, f.attributes);
              f.attribute(kvKey, kvValue);
            } else {
              keyValue(at, at + len, -1); // dropped, but validated like the rest
            }
          }
          case 11 -> Span.Event.parser().parseFrom(b, at, len);
          case 13 -> Span.Link.parser().parseFrom(b, at, len);
          case 15 -> {
            if (statuses == null) {
              statuses = new ArrayList<>(1);
            }
            statuses.add(new int[] {at, at + len});
          }
          default -> { }
        }
      } else if (field == 6 && wire == VARINT) {
        f.kind = (int) c.varint();
      } else if (field == 7 && wire == FIXED64) {
        f.start = c.fixed64();
      } else if (field == 8 && wire == FIXED64) {
        f.end = c.fixed64();
      } else {
        c.skip(tag);
      }
    }
    if (statuses != null) {
      for (int[] s : statuses) {
        status(s[0], s[1]);
      }
    }
  }

  /** Status: message (2), code (3); a later occurrence merges its non-default fields over earlier ones. */
  private void status(int from, int to) throws InvalidProtocolBufferException {
    String message = "";
    int code = 0;
    Cursor c = new Cursor(from, to);
    while (c.more()) {
      int tag = c.tag();
      if (tag == (2 << 3 | LENGTH)) {
        int len = c.length();
        message = string(c.pos, len);
        c.pos += len;
      } else if (tag == (3 << 3 | VARINT)) {
        code = (int) c.varint();
      } else {
        c.skip(tag);
      }
    }
    if (!message.isEmpty()) {
      f.statusMessage = message;
    }
    if (code != 0) {
      f.status = code;
    }
  }

  /**
   * Reads a KeyValue into {@link #kvKey} and {@link #kvValue} (its value as text). {@code position}
   * ≥ 0 lets equal bytes at the same attribute position reuse the previous span's strings.
   */
  private void keyValue(int from, int to, int position) throws InvalidProtocolBufferException {
    String key = "";
    String value = null;
    int valueFrom = -1;
    int valueTo = -1;
    boolean merged = false;
    ByteBuffer parts = null;
    Cursor c = kvCursor.at(from, to);
    while (c.more()) {
      int tag = c.tag();
      if (tag == (1 << 3 | LENGTH)) {
        int len = c.length();
        key = position >= 0 ? keys.get(position, c.pos, len) : string(c.pos, len);
        c.pos += len;
      } else if (tag == (2 << 3 | LENGTH)) {
        int len = c.length();
        if (valueFrom >= 0) {
          merged = true;
          if (parts == null) {
            parts = ByteBuffer.allocate(to - from);
            parts.put(b, valueFrom, valueTo - valueFrom);
          }
          parts.put(b, c.pos, len);
        }
        valueFrom = c.pos;
        valueTo = c.pos + len;
        c.pos += len;
      } else {
        c.skip(tag);
      }
    }
    if (merged) {
      // repeated value fields merge as one message: let the generated parser do it
      value = flattener.capped(AnyValues.text(AnyValue.parseFrom(Arrays.copyOf(parts.array(), parts.position()))));
    } else if (valueFrom >= 0) {
      value = flattener.capped(anyValue(valueFrom, valueTo, position));
    }
    kvKey = key;
    kvValue = value;
  }

  /** AnyValue text: strings and numbers read here, everything else through the generated parser. */
  private String anyValue(int from, int to, int position) throws InvalidProtocolBufferException {
    int kind = 0;
    int at = 0;
    int len = 0;
    long bits = 0;
    boolean complex = false;
    Cursor c = valueCursor.at(from, to);
    while (c.more()) {
      int tag = c.tag();
      int field = tag >>> 3;
      int wire = tag & 7;
      if (field == 1 && wire == LENGTH) {
        len = c.length();
        at = c.pos;
        checkUtf8(at, len);
        c.pos += len;
        kind = 1;
      } else if ((field == 2 || field == 3) && wire == VARINT) {
        bits = c.varint();
        kind = field;
      } else if (field == 4 && wire == FIXED64) {
        bits = c.fixed64();
        kind = 4;
      } else if (field >= 5 && field <= 7 && wire == LENGTH) {
        c.skipBytes(c.length());
        complex = true;
        kind = field;
      } else {
        c.skip(tag);
      }
    }
    if (complex) {
      return AnyValues.text(AnyValue.parser().parseFrom(b, from, to - from));
    }
    return switch (kind) {
      case 1 -> position >= 0 ? values.get(position, at, len) : string(at, len);
      case 2 -> bits != 0 ? "true" : "false";
      case 3 -> Long.toString(bits);
      case 4 -> AnyValues.number(Double.longBitsToDouble(bits));
      default -> null;
    };
  }

  /** By attribute position: the previous span's string there and its bytes. */
  private final class Recent {
    private byte[][] bytes = new byte[16][];
    private String[] strings = new String[16];

    /** The string of {@code len} bytes at {@code at}, the previous one's instance when equal. */
    String get(int position, int at, int len) throws InvalidProtocolBufferException {
      if (position >= strings.length) {
        strings = Arrays.copyOf(strings, position * 2);
        bytes = Arrays.copyOf(bytes, position * 2);
      }
      byte[] last = bytes[position];
      if (last != null && Arrays.equals(b, at, at + len, last, 0, last.length)) {
        return strings[position];
      }
      String s = string(at, len);
      bytes[position] = Arrays.copyOfRange(b, at, at + len);
      strings[position] = s;
      return s;
    }
  }

  /** Checks a UTF-8 string field the rows do not keep, without decoding it when it is ASCII. */
  private void checkUtf8(int at, int len) throws InvalidProtocolBufferException {
    for (int i = at; i < at + len; i++) {
      if (b[i] < 0) {
        string(at, len);
        return;
      }
    }
  }

  /** A UTF-8 string field; invalid UTF-8 is an error, as in the generated parser. */
  private String string(int at, int len) throws InvalidProtocolBufferException {
    for (int i = at; i < at + len; i++) {
      if (b[i] < 0) {
        try {
          return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b, at, len)).toString();
        } catch (CharacterCodingException e) {
          throw new InvalidProtocolBufferException("Protocol message had invalid UTF-8.");
        }
      }
    }
    return new String(b, at, len, StandardCharsets.ISO_8859_1);
  }

  private long longAt(int at) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[at + i] & 0xFF);
    }
    return v;
  }

  /** A position in the body with an end: the message being read. */
  /** The generated parser's recursion limit, for groups nested in unknown fields. */
  private static final int MAX_GROUP_DEPTH = 100;

  private final class Cursor {
    int pos;
    int end;
    private int groupDepth;

    Cursor(int pos, int end) {
      this.pos = pos;
      this.end = end;
    }

    /** This cursor, moved to read the message between {@code from} and {@code to}. */
    Cursor at(int from, int to) {
      pos = from;
      end = to;
      groupDepth = 0;
      return this;
    }

    boolean more() {
      return pos < end;
    }

    /** After {@link #length()}: moves past that many bytes (read the length first, then move). */
    void skipBytes(int n) {
      pos += n;
    }

    int tag() throws InvalidProtocolBufferException {
      int t = (int) varint();
      if (t >>> 3 == 0) {
        throw new InvalidProtocolBufferException("Protocol message contained an invalid tag (zero).");
      }
      return t;
    }

    long varint() throws InvalidProtocolBufferException {
      long v = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        if (pos >= end) {
          throw truncated();
        }
        byte x = b[pos++];
        v |= (long) (x & 0x7F) << shift;
        if (x >= 0) {
          return v;
        }
      }
      throw new InvalidProtocolBufferException("CodedInputStream encountered a malformed varint.");
    }

    long fixed64() throws InvalidProtocolBufferException {
      if (end - pos < 8) {
        throw truncated();
      }
      long v = 0;
      for (int i = 7; i >= 0; i--) {
        v = (v << 8) | (b[pos + i] & 0xFF);
      }
      pos += 8;
      return v;
    }

    int length() throws InvalidProtocolBufferException {
      int len = (int) varint();
      if (len < 0) {
        throw new InvalidProtocolBufferException("CodedInputStream encountered an embedded string or message "
            + "which claimed to have negative size.");
      }
      if (len > end - pos) {
        throw truncated();
      }
      return len;
    }

    void skip(int tag) throws InvalidProtocolBufferException {
      switch (tag & 7) {
        case VARINT -> varint();
        case FIXED64 -> {
          if (end - pos < 8) {
            throw truncated();
          }
          pos += 8;
        }
        case LENGTH -> skipBytes(length());
        case FIXED32 -> {
          if (end - pos < 4) {
            throw truncated();
          }
          pos += 4;
        }
        case 3 -> skipGroup(tag >>> 3);
        default -> throw new InvalidProtocolBufferException("Protocol message tag had invalid wire type.");
      }
    }

    private void skipGroup(int field) throws InvalidProtocolBufferException {
      if (++groupDepth > MAX_GROUP_DEPTH) {
        throw new InvalidProtocolBufferException("Protocol message had too many levels of nesting (more than "
            + MAX_GROUP_DEPTH + " groups).");
      }
      try {
        skipGroupFields(field);
      } finally {
        groupDepth--;
      }
    }

    private void skipGroupFields(int field) throws InvalidProtocolBufferException {
      while (true) {
        if (!more()) {
          throw truncated();
        }
        int tag = tag();
        if ((tag & 7) == 4) {
          if (tag >>> 3 != field) {
            throw new InvalidProtocolBufferException("Protocol message end-group tag did not match expected tag.");
          }
          return;
        }
        skip(tag);
      }
    }

    private InvalidProtocolBufferException truncated() {
      return new InvalidProtocolBufferException("While parsing a protocol message, the input ended unexpectedly "
          + "in the middle of a field.");
    }
  }
}
