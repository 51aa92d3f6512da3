package io.casefile.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Telemetry frozen to Parquet files, one per part (the window's spans, a fixed-seed sample of
 * baseline requests, logs, changes, metric points and service versions), and a folder of such
 * files opened again as an in-memory store with the usual tables, {@code spans} holding the window
 * and the baseline sample.
 */
public final class SnapshotFiles {
  /** The parts, in the order they are written; each is the file {@code PART.parquet}. */
  public static final List<String> PARTS = List.of("spans", "spans_baseline", "logs", "changes", "metric_points",
      "service_versions");

  /**
   * What to freeze: spans and logs in [{@code from}, {@code to}), a reservoir sample of
   * {@code baselineSample} request spans (seed {@code seed}) in [{@code baselineFrom}, {@code from}),
   * metric points in [{@code baselineFrom}, {@code to}), changes in [{@code changesFrom}, {@code to});
   * at most {@code maxRows} spans, logs and metric points each.
   */
  public record Windows(Instant from, Instant to, Instant baselineFrom, Instant changesFrom, int baselineSample,
      long seed, long maxRows) {
    public Windows {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(baselineFrom, "baselineFrom");
      Objects.requireNonNull(changesFrom, "changesFrom");
      if (baselineSample < 1 || maxRows < 1) {
        throw new IllegalArgumentException("a snapshot needs a positive baseline sample and row cap, got "
            + baselineSample + " and " + maxRows);
      }
    }
  }

  /** One part as written: its file ({@code null} when the store has no such table) and its rows. */
  public record File(String part, Path path, long rows) {}

  /** Runs an export on a connection to the telemetry database. */
  private final Function<Function<Connection, List<File>>, List<File>> database;

  private SnapshotFiles(Function<Function<Connection, List<File>>, List<File>> database) {
    this.database = database;
  }

  /** Exports over this connection (the caller's; it stays open). */
  public static SnapshotFiles on(Connection connection) {
    Objects.requireNonNull(connection, "connection");
    return new SnapshotFiles(work -> work.apply(connection));
  }

  /** Exports from the store, each export on a fresh reader connection that sees everything acknowledged. */
  static SnapshotFiles of(DuckDbStore store) {
    return new SnapshotFiles(store::read);
  }

  /** Writes every part under {@code folder} (which must exist); returns them in {@link #PARTS} order. */
  public List<File> export(Path folder, Windows w) {
    return database.apply(connection -> export(connection, folder, w));
  }

  private static List<File> export(Connection connection, Path folder, Windows w) {
    String window = "start_time >= ? AND start_time < ?";
    List<File> out = new ArrayList<>();
    out.add(export(connection, folder, "spans", "SELECT * FROM spans WHERE " + window
        + " ORDER BY start_time, service, operation LIMIT " + w.maxRows(), List.of(w.from(), w.to())));
    out.add(export(connection, folder, "spans_baseline", "SELECT * FROM (SELECT * FROM spans WHERE " + window
        + " AND is_request) USING SAMPLE reservoir(" + w.baselineSample() + " ROWS) REPEATABLE (" + w.seed()
        + ") ORDER BY start_time, service, operation", List.of(w.baselineFrom(), w.from())));
    out.add(export(connection, folder, "logs", "SELECT * FROM logs WHERE time >= ? AND time < ? ORDER BY time LIMIT "
        + w.maxRows(), List.of(w.from(), w.to())));
    out.add(export(connection, folder, "changes", "SELECT * FROM changes WHERE timestamp >= ? AND timestamp < ?"
        + " ORDER BY timestamp, id", List.of(w.changesFrom(), w.to())));
    out.add(export(connection, folder, "metric_points", "SELECT * FROM metric_points WHERE time >= ? AND time < ?"
        + " ORDER BY time, service, name LIMIT " + w.maxRows(), List.of(w.baselineFrom(), w.to())));
    out.add(export(connection, folder, "service_versions", "SELECT * FROM service_versions ORDER BY service, version", List.of()));
    return out;
  }

  private static File export(Connection connection, Path folder, String part, String query, List<?> params) {
    String table = table(part);
    if (!tableExists(connection, table)) {
      return new File(part, null, 0);
    }
    Path file = folder.resolve(part + ".parquet");
    String copy = "COPY (" + Sql.inline(query, params) + ") TO " + Sql.literal(file.toString()) + " (FORMAT parquet)";
    try (Statement st = connection.createStatement()) {
      st.execute(copy);
    } catch (SQLException e) {
      throw new StoreException("cannot write " + file + ": " + e.getMessage() + " -- " + copy, e);
    }
    long rows = Queries.list(connection, "SELECT count(*) FROM read_parquet(" + Sql.literal(file.toString()) + ")",
        List.of(), rs -> rs.getLong(1)).get(0);
    return new File(part, file, rows);
  }

  private static String table(String part) {
    return part.startsWith("spans") ? "spans" : part;
  }

  private static boolean tableExists(Connection connection, String table) {
    return Queries.list(connection, "SELECT count(*) FROM information_schema.tables WHERE table_name = ?",
        List.of(table), rs -> rs.getLong(1)).get(0) > 0;
  }

  /**
   * Opens the parts under {@code folder} as a new in-memory store with every registered table;
   * the caller closes it. Span attribute columns the files hold and the store lacks are added.
   */
  public static TelemetryStore open(Path folder) {
    DuckDbStore store = DuckDbStore.open(null, Schemas.all());
    try (Connection db = store.connection(); Statement st = db.createStatement()) {
      for (String part : PARTS) {
        Path file = folder.resolve(part + ".parquet");
        if (!Files.exists(file)) {
          continue;
        }
        String table = table(part);
        if (table.equals("spans")) {
          addMissingColumns(db, file);
        }
        st.execute("INSERT INTO " + table + " BY NAME SELECT * FROM read_parquet(" + Sql.literal(file.toString()) + ")");
      }
    } catch (SQLException e) {
      store.close();
      throw new StoreException("cannot load the snapshot under " + folder + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    return store;
  }

  private static void addMissingColumns(Connection db, Path file) throws SQLException {
    Set<String> have = new HashSet<>(Queries.list(db,
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'spans'", List.of(), rs -> rs.getString(1)));
    List<String> missing = new ArrayList<>();
    for (String column : Queries.list(db, "DESCRIBE SELECT * FROM read_parquet(" + Sql.literal(file.toString()) + ")",
        List.of(), rs -> rs.getString(1))) {
      if (!have.contains(column)) {
        missing.add(column);
      }
    }
    try (Statement st = db.createStatement()) {
      for (String column : missing) {
        st.execute("ALTER TABLE spans ADD COLUMN " + Sql.quote(column) + " VARCHAR");
      }
    }
  }
}
