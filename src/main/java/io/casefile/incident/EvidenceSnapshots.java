package io.casefile.incident;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.casefile.model.JsonCodec;
import io.casefile.store.FeatureTables;
import io.casefile.store.SnapshotFiles;
import io.casefile.store.TelemetryStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Freezes an incident window's telemetry so that rollbacks and retention cannot destroy it: the
 * spans of the incident window (the affected requests and their traces), a fixed-seed sample of
 * baseline requests before it, the window's logs and the day's changes, written as Parquet files
 * under {@code DIR/snapshots/<id>/} with a manifest listing each file's rows and SHA-256. The
 * manifest and its own SHA-256 are recorded in {@code incident_snapshots}. A snapshot opens as an
 * in-memory database with the usual {@code spans}, {@code logs} and {@code changes} tables, so an
 * investigation can be re-run on it. This class decides the windows and keeps the manifest and
 * its hashes; the store's {@link SnapshotFiles} writes and reopens the telemetry.
 */
public final class EvidenceSnapshots {
  static final Duration LEAD = Duration.ofMinutes(15);
  static final Duration BASELINE = Duration.ofHours(1);
  static final Duration CHANGES = Duration.ofHours(24);
  static final long MAX_ROWS = 2_000_000;
  static final int BASELINE_SAMPLE = 20_000;
  static final long SEED = 42;

  private final FeatureTables tables;
  private final SnapshotFiles telemetry;
  private final Path dir;

  /**
   * @param tables the store's access to the {@link IncidentSchema} tables; @param telemetry where the
   * telemetry windows are frozen from; @param dir the data directory
   */
  public EvidenceSnapshots(FeatureTables tables, SnapshotFiles telemetry, Path dir) {
    this.tables = tables;
    this.telemetry = telemetry;
    this.dir = dir.resolve("snapshots");
  }

  /** The window a snapshot of this casefile taken at {@code now} covers. */
  static Instant windowStart(Casefile c) {
    Instant start = c.incident().openedAt();
    Instant onset = c.incident().symptom().onset();
    if (onset != null && onset.isBefore(start)) {
      start = onset;
    }
    return start.minus(LEAD);
  }

  public synchronized EntryBody.Snapshot take(Casefile c, String reason, Instant now) {
    String id = c.incident().id().toLowerCase(java.util.Locale.ROOT) + "-s" + c.nextSeq();
    Instant from = windowStart(c);
    Instant to = now.plusNanos(1000);
    Instant baseFrom = from.minus(BASELINE);
    Path folder = dir.resolve(id);
    try {
      Files.createDirectories(folder);
      Map<String, Long> rows = new LinkedHashMap<>();
      List<ObjectNode> files = new ArrayList<>();
      for (SnapshotFiles.File f : telemetry.export(folder,
          new SnapshotFiles.Windows(from, to, baseFrom, from.minus(CHANGES), BASELINE_SAMPLE, SEED, MAX_ROWS))) {
        rows.put(f.part(), f.rows());
        if (f.path() != null) {
          ObjectNode o = JsonCodec.mapper().createObjectNode();
          o.put("name", f.path().getFileName().toString());
          o.put("rows", f.rows());
          o.put("bytes", Files.size(f.path()));
          o.put("sha256", sha256(f.path()));
          files.add(o);
        }
      }
      ObjectNode manifest = JsonCodec.mapper().createObjectNode();
      manifest.put("snapshot_id", id);
      manifest.put("incident_id", c.incident().id());
      manifest.put("reason", reason);
      manifest.put("taken_at", now.toString());
      manifest.putObject("window").put("from", from.toString()).put("to", to.toString());
      manifest.putObject("baseline").put("from", baseFrom.toString()).put("to", from.toString())
          .put("sample_rows", BASELINE_SAMPLE).put("seed", SEED);
      ArrayNode list = manifest.putArray("files");
      files.forEach(list::add);
      byte[] bytes = JsonCodec.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest);
      Files.write(folder.resolve("manifest.json"), bytes);
      String sha = sha256(bytes);
      tables.update("INSERT INTO incident_snapshots VALUES (?, ?, CAST(? AS TIMESTAMP), ?, ?, ?)",
          java.util.Arrays.asList(id, c.incident().id(), now, reason, new String(bytes, StandardCharsets.UTF_8), sha));
      return new EntryBody.Snapshot(id, reason, from, to, sha, rows);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write snapshot " + id + " under " + folder + ": " + e.getMessage(), e);
    }
  }

  /** The stored manifest (JSON) of a snapshot. */
  public synchronized String manifest(String snapshotId) {
    return tables.list("SELECT manifest FROM incident_snapshots WHERE id = ?", List.of(snapshotId), r -> r.string(1))
        .stream().findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no evidence snapshot with id " + snapshotId));
  }

  /** Recomputes every file's SHA-256; returns the files that are missing or changed (empty = intact). */
  public List<String> verify(String snapshotId) {
    List<String> problems = new ArrayList<>();
    try {
      var manifest = JsonCodec.mapper().readTree(manifest(snapshotId));
      for (var f : manifest.get("files")) {
        Path file = dir.resolve(snapshotId).resolve(f.get("name").asText());
        if (!Files.exists(file)) {
          problems.add(f.get("name").asText() + ": missing");
        } else if (!sha256(file).equals(f.get("sha256").asText())) {
          problems.add(f.get("name").asText() + ": SHA-256 differs from the manifest");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return problems;
  }

  /**
   * Opens a snapshot as a new in-memory store with the usual tables ({@code spans} holding the
   * window and the baseline sample), so an investigation can be re-run on it; the caller closes it.
   */
  public TelemetryStore open(String snapshotId) {
    List<String> problems = verify(snapshotId);
    if (!problems.isEmpty()) {
      throw new IllegalStateException("snapshot " + snapshotId + " is damaged: " + String.join("; ", problems));
    }
    return SnapshotFiles.open(dir.resolve(snapshotId));
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        d.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(d.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
