package io.casefile.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Acknowledged requests the store could not load, kept with the reason under the data directory
 * ({@code quarantine/}): {@code <position>.record} holds the signal, the format and the body as
 * received, {@code <position>.reason} the time and the error. Nothing is dropped: the loader
 * moves a record here and goes on, the health endpoint counts them, and on the next start they
 * are logged again and loaded by that release (a record that still fails comes back here).
 */
public final class Quarantine {
  private static final String RECORD = ".record";
  private static final String REASON = ".reason";

  /** A quarantined request and why. */
  public record Item(IngestLog.Entry entry, String reason) {}

  private final Path dir;
  private final List<Item> inMemory = new ArrayList<>();
  private long count;

  private Quarantine(Path dir) {
    this.dir = dir;
  }

  /** A quarantine for an in-memory store: records are kept in memory and counted. */
  public static Quarantine none() {
    return new Quarantine(null);
  }

  public static Quarantine open(Path dir) {
    Quarantine q = new Quarantine(dir);
    try {
      Files.createDirectories(dir);
      try (var files = Files.list(dir)) {
        q.count = files.filter(f -> f.getFileName().toString().endsWith(RECORD)).count();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the quarantine folder " + dir + ": " + e.getMessage(), e);
    }
    return q;
  }

  /** Keeps a record durably (forced to disk) with the reason it could not be loaded. */
  public synchronized void put(IngestLog.Entry entry, String reason, Instant now) {
    if (dir == null) {
      count++;
      inMemory.add(new Item(entry, reason));
      return;
    }
    String name = String.format("%020d", entry.end());
    try {
      if (!Files.exists(dir.resolve(name + RECORD))) {
        count++; // a replay that meets the same record again keeps one copy
      }
      ByteBuffer head = ByteBuffer.wrap(new byte[] {(byte) entry.signal().ordinal(), (byte) (entry.json() ? 1 : 0)});
      write(dir.resolve(name + RECORD), head, ByteBuffer.wrap(entry.body()));
      write(dir.resolve(name + REASON), ByteBuffer.wrap((now + " " + entry.signal().name().toLowerCase()
          + (entry.json() ? " json" : " protobuf") + " request of " + entry.body().length + " bytes at ingest log position "
          + entry.end() + ": " + reason + "\n").getBytes(StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to the quarantine folder " + dir + ": " + e.getMessage(), e);
    }
  }

  private void write(Path target, ByteBuffer... parts) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      for (ByteBuffer p : parts) {
        while (p.hasRemaining()) {
          ch.write(p);
        }
      }
      ch.force(true);
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Records quarantined and not yet taken back. */
  public synchronized long count() {
    return count;
  }

  /** Where the records are kept (null: in memory). */
  public Path dir() {
    return dir;
  }

  /** The quarantined records with their reasons, oldest first. */
  public synchronized List<Item> items() {
    if (dir == null) {
      return List.copyOf(inMemory);
    }
    List<Item> out = new ArrayList<>();
    try (var files = Files.list(dir)) {
      for (Path p : files.filter(f -> f.getFileName().toString().endsWith(RECORD)).sorted().toList()) {
        byte[] all = Files.readAllBytes(p);
        if (all.length < 2 || all[0] < 0 || all[0] >= OtlpSignal.values().length) {
          continue; // not a record this release wrote
        }
        String base = p.getFileName().toString();
        base = base.substring(0, base.length() - RECORD.length());
        Path reasonFile = p.resolveSibling(base + REASON);
        String reason = Files.exists(reasonFile) ? Files.readString(reasonFile).strip() : "";
        byte[] body = java.util.Arrays.copyOfRange(all, 2, all.length);
        out.add(new Item(new IngestLog.Entry(OtlpSignal.values()[all[0]], all[1] == 1, body, Long.parseLong(base)), reason));
      }
    } catch (IOException | NumberFormatException e) {
      throw new IllegalStateException("cannot read the quarantine folder " + dir + ": " + e.getMessage(), e);
    }
    return out;
  }

  /** Forgets records once they are safely back in the ingest log. */
  public synchronized void release(List<Item> items) {
    for (Item i : items) {
      count = Math.max(0, count - 1);
      if (dir == null) {
        inMemory.remove(i);
        continue;
      }
      String base = String.format("%020d", i.entry().end());
      try {
        Files.deleteIfExists(dir.resolve(base + RECORD));
        Files.deleteIfExists(dir.resolve(base + REASON));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot release quarantined record " + base + ": " + e.getMessage(), e);
      }
    }
  }
}
