package io.casefile.server;

import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Reads a request body within the size limit, inflating {@code Content-Encoding: gzip}. */
final class Bodies {
  private Bodies() {}

  static byte[] read(Context ctx, long maxBytes) {
    long declared = ctx.req().getContentLengthLong();
    if (declared > maxBytes) {
      drain(ctx, maxBytes);
      throw tooLarge(maxBytes);
    }
    String encoding = ctx.header("Content-Encoding");
    encoding = encoding == null ? "identity" : encoding.trim().toLowerCase(Locale.ROOT);
    try {
      InputStream in = ctx.req().getInputStream();
      return switch (encoding) {
        case "identity", "" -> readAll(in, maxBytes, declared);
        case "gzip", "x-gzip" -> {
          byte[] compressed = readAll(in, maxBytes, declared);
          try (var gz = new GZIPInputStream(new java.io.ByteArrayInputStream(compressed), 8192)) {
            yield readAll(gz, maxBytes, Math.min(maxBytes, 4L * compressed.length));
          } catch (ZipException | java.io.EOFException e) {
            throw ApiError.badRequest("body is not valid gzip: " + e.getMessage());
          }
        }
        default -> throw new ApiError(415, "unsupported_encoding",
            "Content-Encoding '" + encoding + "' is not supported; use gzip or none");
      };
    } catch (IOException e) {
      throw ApiError.badRequest("could not read the request body: " + e.getMessage());
    } catch (ApiError e) {
      if (e.status == 413) {
        drain(ctx, maxBytes);
      }
      throw e;
    }
  }

  /**
   * Reads and discards what is left of a refused body, up to four times the limit, so a client
   * that sends the whole body before reading the answer gets the 413 rather than a reset
   * connection; beyond that the connection is closed.
   */
  private static void drain(Context ctx, long maxBytes) {
    long budget = Math.min(4 * maxBytes, 64L << 20);
    try {
      InputStream in = ctx.req().getInputStream();
      byte[] buf = new byte[16384];
      int n;
      while (budget > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, budget))) > 0) {
        budget -= n;
      }
    } catch (IOException | RuntimeException e) {
      // the answer is 413 either way
    }
  }

  /** Bodies announced up to this size are read into one array allocated up front. */
  static final int PREALLOCATED_MAX = 1 << 20;

  private static byte[] readAll(InputStream in, long maxBytes, long expected) throws IOException {
    if (expected > 0 && expected <= maxBytes) {
      // the common case: Content-Length known, read straight into an array of that size; a large
      // one is gathered as it arrives, so a client that only announces a size holds no memory
      byte[] body;
      if (expected <= PREALLOCATED_MAX) {
        body = new byte[(int) expected];
        int read = in.readNBytes(body, 0, body.length);
        if (read < body.length) {
          return Arrays.copyOf(body, read);
        }
      } else {
        body = in.readNBytes((int) expected);
        if (body.length < expected) {
          return body;
        }
      }
      int next = in.read();
      if (next < 0) {
        return body;
      }
      var rest = new ByteArrayOutputStream((int) Math.min(maxBytes, 2 * expected + 1));
      rest.write(body);
      rest.write(next);
      return readRest(in, rest, maxBytes);
    }
    return readRest(in, new ByteArrayOutputStream(8192), maxBytes);
  }

  private static byte[] readRest(InputStream in, ByteArrayOutputStream out, long maxBytes) throws IOException {
    byte[] buf = new byte[16384];
    long total = out.size();
    if (total > maxBytes) {
      throw tooLarge(maxBytes);
    }
    int n;
    while ((n = in.read(buf)) > 0) {
      total += n;
      if (total > maxBytes) {
        throw tooLarge(maxBytes);
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  private static ApiError tooLarge(long maxBytes) {
    return new ApiError(413, "body_too_large", "request body is larger than the limit of " + maxBytes
        + " bytes (after decompression); send smaller batches");
  }

  /** The media type without parameters, lower case; empty when absent. */
  static String mediaType(Context ctx) {
    String ct = ctx.header("Content-Type");
    if (ct == null) {
      return "";
    }
    int semi = ct.indexOf(';');
    return (semi < 0 ? ct : ct.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
  }
}
