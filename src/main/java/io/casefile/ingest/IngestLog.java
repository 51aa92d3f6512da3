package io.casefile.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * The ingest write-ahead log: accepted OTLP request bodies, appended and fsynced before the
 * request is acknowledged, and kept until the store has loaded them. Positions are byte offsets
 * over the whole log; a segment file is named by the position it starts at and is deleted once
 * everything in it is loaded.
 *
 * <p>Record: length (int, of what follows the checksum), CRC-32C of that payload, signal (byte),
 * format (byte: 0 protobuf, 1 JSON), body. On open, a torn or corrupt tail (a write that never
 * completed, so was never acknowledged) is cut off.
 */
public final class IngestLog implements AutoCloseable {
  /** One logged request. {@code end} is the log position just after it. */
  public record Entry(OtlpSignal signal, boolean json, byte[] body, long end) {}

  static final long SEGMENT_BYTES = 64L << 20;
  private static final int HEADER = 8;
  private static final int MAX_RECORD = Integer.MAX_VALUE - 64;
  private static final String SUFFIX = ".log";

  private final Path dir;
  private final TreeMap<Long, Path> segments = new TreeMap<>();
  private FileChannel active;
  private long activeStart;
  private long end;

  private IngestLog(Path dir) {
    this.dir = dir;
  }

  /** A log that keeps nothing, for an in-memory store: positions advance, nothing survives. */
  public static IngestLog none() {
    return new IngestLog(null);
  }

  /** Opens (creating) the log in {@code dir}, cutting off a torn tail. */
  public static IngestLog open(Path dir) {
    IngestLog log = new IngestLog(dir);
    try {
      Files.createDirectories(dir);
      try (var files = Files.list(dir)) {
        for (Path p : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).toList()) {
          String name = p.getFileName().toString();
          try {
            log.segments.put(Long.parseLong(name.substring(0, name.length() - SUFFIX.length())), p);
          } catch (NumberFormatException e) {
            throw new IllegalStateException("unexpected file in the ingest log folder " + dir + ": " + name);
          }
        }
      }
      log.openTail();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the ingest log in " + dir + ": " + e.getMessage(), e);
    }
    return log;
  }

  private void openTail() throws IOException {
    if (segments.isEmpty()) {
      startSegment(0);
      return;
    }
    var last = segments.lastEntry();
    long valid = scan(last.getValue(), last.getKey(), 0, Long.MAX_VALUE, null);
    active = FileChannel.open(last.getValue(), StandardOpenOption.WRITE, StandardOpenOption.READ);
    active.truncate(valid - last.getKey());
    active.position(valid - last.getKey());
    activeStart = last.getKey();
    end = valid;
  }

  private void startSegment(long start) throws IOException {
    if (active != null) {
      active.close();
    }
    Path p = dir.resolve(String.format("%020d%s", start, SUFFIX));
    active = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
    segments.put(start, p);
    activeStart = start;
    end = start;
    forceDirectory();
  }

  private void forceDirectory() {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // not every file system lets a directory be opened for sync; the files themselves are forced
    }
  }

  /**
   * Continues the log at {@code position} when it ends before it (the log folder was lost or
   * replaced while the store kept its position), so new records never fall behind what the store
   * counts as loaded.
   */
  public synchronized void continueAt(long position) {
    if (position <= end) {
      return;
    }
    if (dir == null) {
      end = position;
      return;
    }
    try {
      active.force(false);
      startSegment(position);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot continue the ingest log at " + position + ": " + e.getMessage(), e);
    }
  }

  /** The position after the last record. */
  public synchronized long end() {
    return end;
  }

  /**
   * Appends the records and forces them to disk; returns the end position of each. When this
   * returns, the records survive a crash.
   */
  public synchronized long[] append(List<Entry> records) {
    long[] ends = new long[records.size()];
    if (dir == null) {
      for (int i = 0; i < records.size(); i++) {
        end += HEADER + 2 + records.get(i).body().length;
        ends[i] = end;
      }
      return ends;
    }
    try {
      if (end - activeStart >= SEGMENT_BYTES) {
        active.force(false);
        startSegment(end);
      }
      List<ByteBuffer> buffers = new ArrayList<>(records.size() * 2);
      long pos = end;
      for (int i = 0; i < records.size(); i++) {
        Entry e = records.get(i);
        if (e.body().length > MAX_RECORD) {
          throw new IllegalArgumentException("a logged body must be under 2 GiB");
        }
        ByteBuffer head = ByteBuffer.allocate(HEADER + 2).order(ByteOrder.LITTLE_ENDIAN);
        CRC32C crc = new CRC32C();
        byte signal = (byte) e.signal().ordinal();
        byte format = (byte) (e.json() ? 1 : 0);
        crc.update(signal);
        crc.update(format);
        crc.update(e.body());
        head.putInt(e.body().length + 2).putInt((int) crc.getValue()).put(signal).put(format).flip();
        buffers.add(head);
        buffers.add(ByteBuffer.wrap(e.body()));
        pos += HEADER + 2 + e.body().length;
        ends[i] = pos;
      }
      ByteBuffer[] all = buffers.toArray(ByteBuffer[]::new);
      long remaining = pos - end;
      while (remaining > 0) {
        remaining -= active.write(all);
      }
      active.force(false);
      end = pos;
      return ends;
    } catch (IOException e) {
      throw new UncheckedIOException("writing the ingest log failed: " + e.getMessage(), e);
    }
  }

  /**
   * Calls {@code sink} with every complete record after {@code from}, in order, up to the end
   * when the call began. The log stays usable meanwhile (appends and releases go on).
   */
  public void replay(long from, java.util.function.Consumer<Entry> sink) {
    if (dir == null) {
      return;
    }
    List<Map.Entry<Long, Path>> files;
    long until;
    synchronized (this) {
      files = List.copyOf(segments.entrySet());
      until = end;
    }
    try {
      for (int i = 0; i < files.size(); i++) {
        long start = files.get(i).getKey();
        if (i + 1 < files.size() && files.get(i + 1).getKey() <= from || start >= until) {
          continue;
        }
        scan(files.get(i).getValue(), start, from, until, sink);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading the ingest log failed: " + e.getMessage(), e);
    }
  }

  /**
   * Reads a segment's records, passing those that end after {@code from} to the sink (when not
   * null); returns the position after the last complete, intact record.
   */
  private static long scan(Path file, long start, long from, long until, java.util.function.Consumer<Entry> sink)
      throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = Math.min(ch.size(), until - start);
      long off = 0;
      ByteBuffer head = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
      while (off + HEADER <= size) {
        head.clear();
        readFully(ch, head, off);
        head.flip();
        int length = head.getInt();
        int crc = head.getInt();
        if (length < 2 || off + HEADER + length > size) {
          break;
        }
        long recordEnd = start + off + HEADER + length;
        ByteBuffer payload = ByteBuffer.allocate(length);
        readFully(ch, payload, off + HEADER);
        CRC32C check = new CRC32C();
        check.update(payload.array());
        if ((int) check.getValue() != crc) {
          break;
        }
        byte signal = payload.get(0);
        if (signal < 0 || signal >= OtlpSignal.values().length) {
          break;
        }
        if (sink != null && recordEnd > from) {
          byte[] body = new byte[length - 2];
          System.arraycopy(payload.array(), 2, body, 0, body.length);
          sink.accept(new Entry(OtlpSignal.values()[signal], payload.get(1) == 1, body, recordEnd));
        }
        off += HEADER + length;
      }
      return start + off;
    }
  }

  private static void readFully(FileChannel ch, ByteBuffer into, long at) throws IOException {
    long pos = at;
    while (into.hasRemaining()) {
      int n = ch.read(into, pos);
      if (n < 0) {
        throw new IOException("unexpected end of file");
      }
      pos += n;
    }
  }

  /** Deletes the segments that hold nothing after {@code loaded}. */
  public synchronized void release(long loaded) {
    while (dir != null && segments.size() > 1) {
      var first = segments.firstEntry();
      Long next = segments.higherKey(first.getKey());
      if (next == null || next > loaded || first.getKey() == activeStart) {
        return;
      }
      try {
        Files.deleteIfExists(first.getValue());
      } catch (IOException e) {
        return; // kept, and tried again after the next load
      }
      segments.remove(first.getKey());
    }
  }

  /** Number of segment files (for tests and the health endpoint). */
  public synchronized int segments() {
    return segments.size();
  }

  @Override
  public synchronized void close() {
    if (active == null) {
      return;
    }
    try {
      active.close();
    } catch (IOException e) {
      throw new UncheckedIOException("closing the ingest log failed: " + e.getMessage(), e);
    }
  }
}
