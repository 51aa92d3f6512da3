package io.casefile.ingest;

import com.google.protobuf.ByteString;

/** Trace and span ids as big-endian longs; hex text for OTLP/JSON. */
final class Ids {
  private Ids() {}

  static long longAt(ByteString b, int offset) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b.byteAt(offset + i) & 0xFF);
    }
    return v;
  }

  /** Decodes hex of exactly {@code bytes} bytes; empty text is an empty id. */
  static ByteString fromHex(String field, String hex, int bytes) {
    if (hex.isEmpty()) {
      return ByteString.EMPTY;
    }
    if (hex.length() != bytes * 2) {
      throw new IllegalArgumentException(field + " must be " + bytes * 2 + " hex characters, got "
          + hex.length() + ": '" + abbreviate(hex) + "'");
    }
    byte[] out = new byte[bytes];
    for (int i = 0; i < bytes; i++) {
      int hi = Character.digit(hex.charAt(2 * i), 16);
      int lo = Character.digit(hex.charAt(2 * i + 1), 16);
      if (hi < 0 || lo < 0) {
        throw new IllegalArgumentException(field + " is not hex: '" + abbreviate(hex) + "'");
      }
      out[i] = (byte) (hi << 4 | lo);
    }
    return ByteString.copyFrom(out);
  }

  static String abbreviate(String s) {
    return s.length() <= 64 ? s : s.substring(0, 64) + "…";
  }
}
