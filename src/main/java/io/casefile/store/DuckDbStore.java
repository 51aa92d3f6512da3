package io.casefile.store;

import io.casefile.model.ChangeEvent;
import io.casefile.model.TimeRange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.ArrayList;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import org.duckdb.DuckDBConnection;

/**
 * The embedded store: one DuckDB database (a file, or in memory) with one owning connection and
 * {@link #WRITERS} duplicate writer connections. Writes come in groups, each one transaction made
 * durable by a single COMMIT; readers get duplicate connections of the same database.
 */
public final class DuckDbStore implements TelemetryStore, TelemetryWriter, LogTemplateStore {
  /** How attribute keys earn a column of their own (see {@link SpanColumns}). */
  public record KeyPolicy(int maxColumns, long windowSpans, double minShare, int counters) {
    /** Up to 256 attribute columns; a key in 1% of a 10,000-span window is promoted. */
    public static final KeyPolicy DEFAULT = new KeyPolicy(256, 10_000, 0.01, 4_096);

    public KeyPolicy {
      if (maxColumns < 0 || windowSpans < 1 || !(minShare > 0 && minShare <= 1) || counters < 1) {
        throw new IllegalArgumentException("key policy needs columns >= 0, a positive window and counters, "
            + "and a share in (0, 1]");
      }
    }
  }
  /** Writer connections: concurrent groups append in parallel (DuckDB appends do not conflict). */
  public static final int WRITERS = 2;
  /** The database file in a data folder. */
  static final String FILE = "casefile.duckdb";

  private final DuckDBConnection owner;
  private final BlockingQueue<WriterSlot> writers = new ArrayBlockingQueue<>(WRITERS);
  private final List<WriterSlot> allWriters = new ArrayList<>();
  private final ReentrantReadWriteLock schemaLock = new ReentrantReadWriteLock();
  private final ReentrantLock versionsLock = new ReentrantLock();
  private final SpanColumns columns;
  private final ServiceVersions versions;
  private final String description;
  private final LogTemplateTable logTemplates = new LogTemplateTable(this::connection);
  private final List<WriterSlot> loaderSlots = new ArrayList<>();
  private final List<FeatureTables> featureTables = new ArrayList<>();
  private volatile Runnable readBarrier = () -> { };
  private volatile boolean closed;
  /** The memory_limit set by {@link #limitMemory}, in MiB (0: DuckDB's own default). */
  private volatile long memoryLimitMiB;
  /** True for a database without a file, whose blocks could only be evicted to temporary files. */
  private final boolean inMemory;

  private DuckDbStore(DuckDBConnection owner, List<Schema> schemas, String description, boolean inMemory,
      KeyPolicy keys)
      throws SQLException {
    this.owner = owner;
    this.description = description;
    this.inMemory = inMemory;
    new SchemaMigrator(owner).apply(schemas);
    this.columns = new SpanColumns(owner, keys.maxColumns(),
        new KeyUsage(keys.counters(), keys.windowSpans(), keys.minShare()));
    this.versions = new ServiceVersions(owner);
    for (int i = 0; i < WRITERS; i++) {
      WriterSlot w = new WriterSlot((DuckDBConnection) owner.duplicate(), columns);
      allWriters.add(w);
      writers.add(w);
    }
  }

  /** Opens (creating when absent) {@code DIR/casefile.duckdb} with the telemetry tables only. */
  public static DuckDbStore openDirectory(Path dir) {
    return openDirectory(dir, List.of());
  }

  /**
   * Opens (creating when absent) {@code DIR/casefile.duckdb} with the telemetry tables and the
   * features' schemas (see {@link #open(Path, List)}).
   */
  public static DuckDbStore openDirectory(Path dir, List<Schema> features) {
    try {
      Files.createDirectories(dir);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("cannot create data directory " + dir + ": " + e.getMessage(), e);
    }
    return open(dir.resolve(FILE), features);
  }

  /**
   * Opens a database file (null: in memory) and applies the store's own schemas ({@link Schemas#all})
   * and then the features' schemas, in order (a list that repeats the store's own adds nothing).
   */
  public static DuckDbStore open(Path file, List<Schema> features) {
    return open(file, features, KeyPolicy.DEFAULT);
  }

  /** Opens a database file (null: in memory) with a key promotion policy. */
  public static DuckDbStore open(Path file, List<Schema> features, KeyPolicy keys) {
    List<Schema> schemas = Schemas.withFeatures(features);
    String url = file == null ? "jdbc:duckdb:" : "jdbc:duckdb:" + file.toAbsolutePath();
    try {
      DuckDBConnection c = (DuckDBConnection) DriverManager.getConnection(url);
      try {
        return new DuckDbStore(c, schemas, file == null ? "in-memory DuckDB" : file.toString(), file == null, keys);
      } catch (SQLException | RuntimeException e) {
        c.close();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalArgumentException("cannot open database " + (file == null ? "in memory" : file)
          + ": " + e.getMessage(), e);
    }
  }

  /** An in-memory store with the telemetry tables only. */
  public static DuckDbStore inMemory() {
    return open(null, List.of());
  }

  /**
   * A feature's access to its own tables, on a connection of its own; the feature closes it (the
   * store closes any still open when it closes).
   */
  public FeatureTables featureTables() {
    if (closed) {
      throw new IllegalStateException(description + " is closed");
    }
    try {
      FeatureTables tables = new FeatureTables(owner.duplicate(), description);
      synchronized (featureTables) {
        featureTables.add(tables);
      }
      return tables;
    } catch (SQLException e) {
      throw new StoreException("cannot open a connection to " + description + ": " + e.getMessage(), e);
    }
  }

  /**
   * The feature tables of a data folder's database opened read-only, for a command that reads them
   * while no store is open; empty when the folder has no database. The caller closes it.
   */
  public static java.util.Optional<FeatureTables> readOnlyTables(Path dir) {
    Path file = dir.resolve(FILE);
    if (!Files.exists(file)) {
      return java.util.Optional.empty();
    }
    var props = new java.util.Properties();
    props.setProperty("duckdb.read_only", "true");
    try {
      return java.util.Optional.of(new FeatureTables(DriverManager.getConnection("jdbc:duckdb:" + file, props),
          file + " (read-only)"));
    } catch (SQLException e) {
      throw new IllegalArgumentException("cannot read " + file + " (is another Casefile server using it?): "
          + e.getMessage(), e);
    }
  }

  /**
   * A new connection to the same database for reading; the caller closes it. Cheap: it shares the
   * database instance. A feature reaches its own tables through {@link #featureTables()} instead.
   */
  public Connection connection() {
    readBarrier.run();
    try {
      return owner.duplicate();
    } catch (SQLException e) {
      throw new StoreException("cannot open a connection to " + description + ": " + e.getMessage(), e);
    }
  }

  /**
   * Runs before every read ({@link #connection()}, {@link #read}): the ingest pipeline makes
   * acknowledged data visible here, so a read sees everything acknowledged before it began.
   */
  @Override
  public void setReadBarrier(Runnable barrier) {
    this.readBarrier = barrier == null ? () -> { } : barrier;
  }

  /**
   * A new bulk loader on a writer connection of its own (closed with the store); for one thread
   * at a time. Its transactions do not hold the schema lock: call {@link #addColumnsFor} while no
   * loader has a transaction open.
   */
  @Override
  public synchronized BulkLoader newBulkLoader() {
    try {
      WriterSlot slot = new WriterSlot((DuckDBConnection) owner.duplicate(), columns);
      loaderSlots.add(slot);
      return new BulkLoader(slot, versionsLock, versions);
    } catch (SQLException e) {
      throw new StoreException("cannot open a bulk loader: " + e.getMessage(), e);
    }
  }

  /** Works out, on the caller's thread, what loading the batch needs (see {@link BulkLoader}). */
  @Override
  public PreparedBatch prepare(TelemetryBatch batch) {
    return new PreparedBatch(batch);
  }

  /**
   * True when a window of attribute-key use has closed: call {@link #promoteKeys} while no loader
   * has a transaction open.
   */
  @Override
  public boolean promotionDue() {
    return columns.promotionDue();
  }

  /** Gives the most used map-held attribute keys columns of their own, waiting for direct writes. */
  @Override
  public void promoteKeys() {
    schemaLock.writeLock().lock();
    try (Connection c = owner.duplicate()) {
      columns.promote(c, Instant.now());
    } catch (SQLException e) {
      throw new StoreException("promoting attribute keys failed: " + e.getMessage(), e);
    } finally {
      schemaLock.writeLock().unlock();
    }
  }

  /** Caps DuckDB's buffer pool (its {@code memory_limit}); larger operations spill to disk. */
  public void limitMemory(long bytes) {
    long mib = Math.max(1, bytes >> 20);
    try (Statement st = owner.createStatement()) {
      st.execute("SET memory_limit = '" + mib + "MiB'");
      memoryLimitMiB = mib;
    } catch (SQLException e) {
      throw new StoreException("setting the memory limit failed: " + e.getMessage(), e);
    }
  }

  /**
   * Hands DuckDB's cached blocks back: lowers {@code memory_limit} to an eighth of the limit set
   * by {@link #limitMemory}, which evicts unpinned blocks (data written or read earlier, kept for
   * the next reads), and restores it at once. DuckDB refuses a limit below what is pinned, and
   * then nothing changes. Direct writes and key promotion wait meanwhile; a read running at that
   * moment has the lower limit for the instant between the two settings, and large operators
   * spill to disk as they do at the full limit. Call it when ingest is idle (the ingest
   * queue's idle hook), never from a load transaction. Without a limit set, or in memory (where
   * the blocks are the data and would go to temporary files), it does nothing.
   */
  @Override
  public Released releaseMemory() {
    long limit = memoryLimitMiB;
    long before = duckDbMemoryBytes();
    if (limit == 0 || inMemory) {
      return new Released(before, before);
    }
    schemaLock.writeLock().lock();
    try (Connection c = owner.duplicate(); Statement st = c.createStatement()) {
      try {
        st.execute("SET memory_limit = '" + Math.max(32, limit / 8) + "MiB'");
      } catch (SQLException e) {
        // more is pinned than the lower limit: keep what there is
      } finally {
        st.execute("SET memory_limit = '" + limit + "MiB'");
      }
    } catch (SQLException e) {
      throw new StoreException("restoring the memory limit failed: " + e.getMessage(), e);
    } finally {
      schemaLock.writeLock().unlock();
    }
    return new Released(before, duckDbMemoryBytes());
  }

  private long duckDbMemoryBytes() {
    try (Connection c = owner.duplicate()) {
      return Queries.list(c, "SELECT coalesce(sum(memory_usage_bytes), 0) FROM duckdb_memory()", List.of(),
          rs -> rs.getLong(1)).get(0);
    } catch (SQLException e) {
      throw new StoreException("reading DuckDB's memory use failed: " + e.getMessage(), e);
    }
  }

  /** DuckDB's memory_limit as it reports it. */
  public String memoryLimit() {
    return read(c -> Queries.list(c, "SELECT current_setting('memory_limit')", List.of(), rs -> rs.getString(1)).get(0));
  }

  /** Runs work over a {@link TelemetryReader} on a fresh duplicate connection. */
  @Override
  public <T> T withReader(Function<TelemetryReader, T> work) {
    return read(c -> work.apply(new DuckDbTelemetryReader(c)));
  }

  /** Runs work over a {@link TelemetryReader} of what is committed, without the read barrier. */
  @Override
  public <T> T withStoredReader(Function<TelemetryReader, T> work) {
    try (Connection c = owner.duplicate()) {
      return work.apply(new DuckDbTelemetryReader(c));
    } catch (SQLException e) {
      throw new StoreException("cannot open a connection to " + description + ": " + e.getMessage(), e);
    }
  }

  /** Freezes telemetry windows to Parquet, each export on a reader connection that sees all acknowledged data. */
  public SnapshotFiles snapshotFiles() {
    return SnapshotFiles.of(this);
  }

  /** Runs a read with a fresh duplicate connection. */
  public <T> T read(Function<Connection, T> query) {
    try (Connection c = connection()) {
      return query.apply(c);
    } catch (SQLException e) {
      throw new StoreException("closing a reader failed: " + e.getMessage(), e);
    }
  }

  /**
   * Writes a group of batches in one transaction; when this returns, the rows are committed
   * (and the WAL synced, so they survive a crash). Up to {@link #WRITERS} groups are written
   * concurrently. Returns the deploy changes derived from new service versions.
   */
  public List<ChangeEvent> write(List<TelemetryBatch> group, Instant now) {
    WriterSlot w = takeWriter();
    try {
      if (columns.promotionDue()) {
        schemaLock.writeLock().lock();
        try {
          columns.promote(w.conn, now);
        } finally {
          schemaLock.writeLock().unlock();
        }
      }
      schemaLock.readLock().lock();
      try {
        w.writeAndCommit(group);
      } finally {
        schemaLock.readLock().unlock();
      }
      versionsLock.lock();
      try {
        return versions.record(w.conn, group, now);
      } finally {
        versionsLock.unlock();
      }
    } catch (SQLException e) {
      throw new StoreException("writing " + group.size() + " batches failed: " + e.getMessage(), e);
    } finally {
      writers.add(w);
    }
  }

  private WriterSlot takeWriter() {
    if (closed) {
      throw new IllegalStateException(description + " is closed");
    }
    try {
      return writers.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a writer", e);
    }
  }

  /** Records a change event durably; returns false when one with the same id already exists. */
  @Override
  public boolean recordChange(ChangeEvent change, Instant receivedAt) {
    WriterSlot w = takeWriter();
    try {
      return ChangeWriter.insert(w.conn, change, receivedAt);
    } catch (SQLException e) {
      throw new StoreException("recording change " + change.id() + " failed: " + e.getMessage(), e);
    } finally {
      writers.add(w);
    }
  }

  /** Deletes telemetry older than the cutoff (retention); changes are kept. Returns rows deleted. */
  public long deleteOlderThan(Instant cutoff) {
    WriterSlot w = takeWriter();
    try {
      long n = 0;
      for (String sql : List.of("DELETE FROM spans WHERE start_time < ?", "DELETE FROM logs WHERE time < ?",
          "DELETE FROM metric_points WHERE time < ?")) {
        try (PreparedStatement ps = w.conn.prepareStatement(sql)) {
          Sql.bind(ps, List.of(cutoff));
          n += ps.executeUpdate();
        }
      }
      return n;
    } catch (SQLException e) {
      throw new StoreException("retention delete failed: " + e.getMessage(), e);
    } finally {
      writers.add(w);
    }
  }

  @Override
  public List<io.casefile.analysis.logs.LogTemplate> loadLogTemplates() {
    return logTemplates.loadLogTemplates();
  }

  @Override
  public void saveLogTemplates(List<TemplateUse> uses, List<Merge> merges) {
    logTemplates.saveLogTemplates(uses, merges);
  }

  @Override
  public KeyStats keyStats() {
    KeyUsage u = columns.usage();
    return new KeyStats(columns.keys().size(), columns.maxAttributeColumns(), u.window(), u.windowSpans(),
        u.minShare(), u.trackedKeys(), columns.refused(),
        columns.lastWindow().stream().limit(10).map(x -> x.key() + " (" + x.spans() + " spans, "
            + x.distinct() + " values)").toList());
  }

  @Override
  public QueryResult<ServiceSummary> services() {
    readBarrier.run(); // loads what is acknowledged, whose version counts the flush then writes
    flushServiceVersions();
    return read(SelectServices::run);
  }

  /** Writes the service-version counts that are still pending (see {@link ServiceVersions}). */
  private void flushServiceVersions() {
    WriterSlot w = takeWriter();
    versionsLock.lock();
    try {
      versions.flush(w.conn, Instant.now());
    } catch (SQLException e) {
      throw new StoreException("writing service versions failed: " + e.getMessage(), e);
    } finally {
      versionsLock.unlock();
      writers.add(w);
    }
  }

  @Override
  public QueryResult<FlowStats> flows(TimeRange range) {
    return read(c -> SelectFlows.run(c, range));
  }

  @Override
  public QueryResult<ChangeEvent> changes(TimeRange range, String service) {
    return read(c -> SelectChanges.run(c, range, service));
  }

  /** Requests per time bucket (see {@link SeriesQuery}). */
  @Override
  public QueryResult<SeriesPoint> series(SeriesQuery q) {
    return read(c -> SelectSeries.run(c, q, SpanAttributes.read(c)));
  }

  /** Per attribute value, the failing requests of the incident window against the baseline's requests. */
  @Override
  public QueryResult<AttributeShare> attributeShares(io.casefile.model.Flow flow, TimeRange incident, TimeRange baseline,
      List<String> keys) {
    return read(c -> SelectAttributeShares.run(c, flow, incident, baseline, keys, SpanAttributes.read(c)));
  }

  /** The spans of a trace (32 hex digits), oldest first; empty when it is not stored. */
  @Override
  public QueryResult<StoredSpan> traceSpans(String traceId) {
    return read(c -> SelectTrace.spans(c, traceId));
  }

  /** The log records linked to a trace, oldest first. */
  @Override
  public QueryResult<TraceLog> traceLogs(String traceId) {
    return read(c -> SelectTrace.logs(c, traceId));
  }

  /** The latest log records of a log template (its text) in a range. */
  @Override
  public QueryResult<TraceLog> logExamples(String template, TimeRange range, int limit) {
    return read(c -> SelectLogExamples.run(c, template, range, limit));
  }

  /** Example traces of a service operation: its latest failures, or its slowest spans. */
  @Override
  public QueryResult<Exemplar> exemplars(io.casefile.model.Flow flow, TimeRange range, boolean slowest, int limit) {
    return read(c -> SelectExemplars.run(c, flow, range, slowest, limit));
  }

  @Override
  public QueryResult<AttributeKey> attributeKeys() {
    return read(SelectAttributeKeys::run);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    try {
      flushServiceVersions();
    } finally {
      closeConnections();
    }
  }

  private void closeConnections() {
    closed = true;
    try {
      for (int i = 0; i < WRITERS; i++) {
        writers.poll(60, TimeUnit.SECONDS); // wait for writes in progress
      }
      for (WriterSlot w : allWriters) {
        w.close();
      }
      synchronized (this) {
        for (WriterSlot w : loaderSlots) {
          w.close();
        }
      }
      synchronized (featureTables) {
        for (FeatureTables t : featureTables) {
          t.close();
        }
      }
      try (Statement st = owner.createStatement()) {
        st.execute("CHECKPOINT");
      }
      owner.close();
    } catch (SQLException e) {
      throw new StoreException("closing " + description + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "DuckDbStore{" + description + "}";
  }
}
