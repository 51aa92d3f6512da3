package io.casefile.ingest;

import io.casefile.model.ChangeEvent;
import io.casefile.store.BulkLoader;
import io.casefile.store.PreparedBatch;
import io.casefile.store.TelemetryBatch;
import io.casefile.store.TelemetryWriter;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest pipeline after decoding. A request is acknowledged once its body is in the fsynced
 * {@link IngestLog} (group commit: one fsync for every request waiting); a loader thread then
 * appends the decoded rows into the store in long transactions ({@link BulkLoader}), each
 * committed with the log position it reaches, and the log is trimmed behind it. On start, what
 * the log holds beyond the store's position is decoded again and loaded, so a crash loses nothing
 * acknowledged. Reads wait for acknowledged rows to be loaded (the store's read barrier).
 *
 * <p>Memory is bounded: rows accepted but not yet appended count against a capacity, and a full
 * queue refuses new work at once. After a load, an idle hook ({@link #whenIdle}) can hand memory
 * back: it runs on the loader thread, so no load transaction is open while it does.
 */
public final class IngestQueue implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IngestQueue.class);
  /** A load transaction commits after this long even when it has few rows. */
  static final long COMMIT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(2);
  private static final int MAX_LOG_GROUP = 256;
  private static final long SYNC_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);

  private record Pending(IngestLog.Entry entry, PreparedBatch batch, long bytes, CompletableFuture<Void> done) {}

  private record Logged(PreparedBatch batch, long bytes, long end) {}

  private static final Logged WAKE = new Logged(null, 0, -1);
  /** Heap a decoded row holds beyond its share of the body (objects, arrays, references). */
  static final long ROW_BYTES = 160;

  private final TelemetryWriter store;
  private final IngestLog log;
  private final OtlpDecoder decoder;
  private final InstantSource clock;
  private final LogTemplater templater;
  private final Quarantine quarantine;
  private final Consumer<List<ChangeEvent>> onDerivedChanges;
  private final long capacityRows;
  private final long capacityBytes;
  private final long loadRows;
  private final BulkLoader[] loaders;
  private final ExecutorService committer;
  private BulkLoader current;
  private Future<?> inFlight;
  private long appendedPosition;
  private final LinkedBlockingQueue<Pending> toLog = new LinkedBlockingQueue<>();
  private final LinkedBlockingQueue<Logged> toLoad = new LinkedBlockingQueue<>();
  private final AtomicLong queuedRows = new AtomicLong();
  private final AtomicLong queuedBytes = new AtomicLong();
  private final AtomicLong committedRows = new AtomicLong();
  private final AtomicLong commits = new AtomicLong();
  private final Object loadedMonitor = new Object();
  private volatile long ackedPosition;
  private volatile long loadedPosition;
  private volatile boolean syncRequested;
  private volatile boolean running = true;
  private final Thread logWriter;
  private final Thread loaderThread;
  /** Run on the loader thread once loading has been idle this long after rows were loaded. */
  private volatile IdleHook idleHook;
  private long rowsSinceIdle;
  private long lastLoadNanos;
  private final AtomicLong idleRuns = new AtomicLong();

  private record IdleHook(long afterNanos, long minRows, Runnable action) {}

  public IngestQueue(TelemetryWriter store, IngestLog log, Quarantine quarantine, OtlpDecoder decoder,
      InstantSource clock, LogTemplater templater, Consumer<List<ChangeEvent>> onDerivedChanges, long capacityRows,
      long capacityBytes, long loadRows) {
    if (capacityRows < 1 || capacityBytes < 1 || loadRows < 1) {
      throw new IllegalArgumentException("queue capacity (rows and bytes) and rows per load must be positive, got "
          + capacityRows + ", " + capacityBytes + " and " + loadRows);
    }
    this.capacityBytes = capacityBytes;
    this.store = store;
    this.log = log;
    this.decoder = decoder;
    this.clock = clock;
    this.templater = templater;
    this.quarantine = quarantine;
    this.onDerivedChanges = onDerivedChanges;
    this.capacityRows = capacityRows;
    this.loadRows = loadRows;
    this.loaders = new BulkLoader[] {store.newBulkLoader(), store.newBulkLoader()};
    this.current = loaders[0];
    this.committer = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("casefile-commit").daemon().factory());
    loadedPosition = current.loadedPosition();
    appendedPosition = loadedPosition;
    current.prunePositions();
    log.continueAt(loadedPosition);
    requeueQuarantined();
    long replayed = replayLog();
    if (replayed > 0) {
      LOG.info("loaded {} rows from the ingest log that were acknowledged but not yet stored", replayed);
    }
    ackedPosition = Math.max(log.end(), loadedPosition);
    store.setReadBarrier(this::sync);
    logWriter = Thread.ofPlatform().name("casefile-ingest-log").daemon().start(this::writeLog);
    loaderThread = Thread.ofPlatform().name("casefile-loader").daemon().start(this::load);
  }

  /**
   * Queues a decoded request; the future completes when its body is durable in the log (the rows
   * become visible to reads soon after, and at once to any read that asks). Throws
   * {@link QueueFullException} when the queue is full (nothing queued).
   */
  public CompletableFuture<Void> submit(OtlpSignal signal, boolean json, byte[] body, TelemetryBatch batch) {
    if (!running) {
      throw new QueueFullException("the server is shutting down");
    }
    long rows = batch.size();
    if (rows == 0) {
      return CompletableFuture.completedFuture(null);
    }
    long bytes = 2L * body.length + rows * ROW_BYTES;
    long after = queuedRows.addAndGet(rows);
    long afterBytes = queuedBytes.addAndGet(bytes);
    if ((after > capacityRows && after != rows) || (afterBytes > capacityBytes && afterBytes != bytes)) {
      queuedRows.addAndGet(-rows);
      queuedBytes.addAndGet(-bytes);
      throw new QueueFullException("ingest queue is full (" + (after - rows) + " rows and " + (afterBytes - bytes) / 1024
          + " KiB waiting; capacity " + capacityRows + " rows, " + capacityBytes / 1024 + " KiB)");
    }
    var pending = new Pending(new IngestLog.Entry(signal, json, body, 0), store.prepare(batch), bytes,
        new CompletableFuture<>());
    toLog.add(pending);
    return pending.done();
  }

  public long queuedRows() {
    return queuedRows.get();
  }

  /** Estimated heap held by queued requests (bodies and decoded rows). */
  public long queuedBytes() {
    return queuedBytes.get();
  }

  /** Rows committed into the store since start (replayed rows included). */
  public long committedRows() {
    return committedRows.get();
  }

  public long commits() {
    return commits.get();
  }

  private void writeLog() {
    List<Pending> group = new ArrayList<>();
    while (running || !toLog.isEmpty()) {
      try {
        Pending first = toLog.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        group.add(first);
        toLog.drainTo(group, MAX_LOG_GROUP - 1);
        logGroup(group);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } finally {
        group.clear();
      }
    }
  }

  private void logGroup(List<Pending> group) {
    long[] ends;
    try {
      ends = log.append(group.stream().map(Pending::entry).toList());
    } catch (RuntimeException e) {
      LOG.error("writing the ingest log failed: " + e.getMessage(), e);
      for (Pending p : group) {
        queuedRows.addAndGet(-p.batch().batch().size());
        queuedBytes.addAndGet(-p.bytes());
        p.done().completeExceptionally(e);
      }
      return;
    }
    for (int i = 0; i < group.size(); i++) {
      toLoad.add(new Logged(group.get(i).batch(), group.get(i).bytes(), ends[i]));
    }
    ackedPosition = ends[ends.length - 1];
    for (Pending p : group) {
      p.done().complete(null);
    }
  }

  private void load() {
    long deadline = Long.MAX_VALUE;
    while (running || !toLoad.isEmpty() || current.open() || !toLog.isEmpty()) {
      try {
        long wait = deadline == Long.MAX_VALUE ? 100_000_000L : Math.max(0, deadline - System.nanoTime());
        Logged item = toLoad.poll(wait, TimeUnit.NANOSECONDS);
        if (item != null && item != WAKE) {
          queuedRows.addAndGet(-item.batch().batch().size());
          queuedBytes.addAndGet(-item.bytes());
          if (item.end() > appendedPosition) {
            if (store.promotionDue()) {
              commitNow();
              store.promoteKeys();
            }
            current.append(assignTemplates(item.batch()), item.end());
            appendedPosition = item.end();
            rowsSinceIdle += item.batch().batch().size();
            lastLoadNanos = System.nanoTime();
            if (deadline == Long.MAX_VALUE) {
              deadline = System.nanoTime() + COMMIT_INTERVAL_NANOS;
            }
          }
        }
        boolean drained = toLoad.isEmpty();
        if (current.pendingRows() >= loadRows || System.nanoTime() >= deadline
            || (drained && (syncRequested || !running))) {
          handOff();
          deadline = Long.MAX_VALUE;
        }
        if (item == null && drained && !current.open() && running) {
          runIdleHook();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.error("loading acknowledged rows failed; they stay in the ingest log and are loaded again: "
            + e.getMessage(), e);
        deadline = Long.MAX_VALUE;
        retryFromLog();
      }
    }
    awaitCommitted();
  }

  /**
   * Sets what to run once loading has been idle for {@code after} since the last rows were
   * loaded, when at least {@code minRows} rows were loaded since it last ran (so a trickle of
   * small exports does not run it after each one): with nothing appended and no commit in
   * flight, on the loader thread, so no load transaction is open and none starts while it runs.
   */
  public void whenIdle(java.time.Duration after, long minRows, Runnable action) {
    if (after.isNegative() || minRows < 1) {
      throw new IllegalArgumentException("the idle delay must not be negative and the rows positive, got " + after
          + " and " + minRows);
    }
    idleHook = new IdleHook(after.toNanos(), minRows, action);
  }

  /** How many times the idle hook has run. */
  public long idleRuns() {
    return idleRuns.get();
  }

  private void runIdleHook() {
    IdleHook hook = idleHook;
    if (hook == null || rowsSinceIdle < hook.minRows() || System.nanoTime() - lastLoadNanos < hook.afterNanos()) {
      return;
    }
    awaitCommitted();
    rowsSinceIdle = 0;
    try {
      hook.action().run();
    } catch (RuntimeException e) {
      LOG.warn("the idle hook failed: {}", e.getMessage());
    }
    idleRuns.incrementAndGet();
  }

  /**
   * Passes the open transaction to the committer thread and goes on with the other loader, so
   * appending never waits for a commit; one commit is in flight at a time, in log order.
   */
  private void handOff() {
    awaitCommitted();
    BulkLoader done = current;
    current = done == loaders[0] ? loaders[1] : loaders[0];
    current.loadedElsewhere(done.loadedPosition());
    if (!done.open()) {
      published(Math.max(loadedPosition, done.loadedPosition()));
      return;
    }
    inFlight = committer.submit(() -> commit(done));
  }

  /** Commits everything appended so far before returning (for schema changes and replays). */
  private void commitNow() {
    handOff();
    awaitCommitted();
  }

  /** Waits for the commit in flight; rethrows its failure, after which nothing uncommitted is kept. */
  private void awaitCommitted() {
    Future<?> f = inFlight;
    if (f == null) {
      return;
    }
    inFlight = null;
    try {
      f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while a load committed", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    }
  }

  private void commit(BulkLoader loader) {
    long rows = loader.pendingRows();
    List<ChangeEvent> derived = loader.commit(clock.instant());
    committedRows.addAndGet(rows);
    commits.incrementAndGet();
    published(loader.loadedPosition());
    log.release(loader.loadedPosition());
    if (!derived.isEmpty()) {
      onDerivedChanges.accept(derived);
    }
  }

  private void published(long position) {
    synchronized (loadedMonitor) {
      loadedPosition = Math.max(loadedPosition, position);
      syncRequested = false;
      loadedMonitor.notifyAll();
    }
  }

  /** After a failed load: drop what is uncommitted, wait a moment, load again from the log. */
  private void retryFromLog() {
    try {
      try {
        awaitCommitted();
      } catch (RuntimeException e) {
        LOG.error("a load commit failed too: " + e.getMessage(), e);
      }
      for (BulkLoader l : loaders) {
        l.rollback();
      }
      appendedPosition = loadedPosition;
      Thread.sleep(running ? 1_000 : 0);
      long rows = replayLog();
      LOG.info("reloaded {} rows from the ingest log", rows);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("reloading from the ingest log failed: " + e.getMessage(), e);
      for (BulkLoader l : loaders) {
        l.rollback();
      }
    }
  }

  /**
   * Decodes and loads every logged request beyond the store's position, committing as it goes;
   * returns rows loaded. Runs with no commit in flight. When loading fails, it starts again one
   * request per transaction, and a request that fails alone (while the store itself still
   * commits) goes to the quarantine: one bad record never stops the rest.
   */
  private long replayLog() {
    try {
      return replay(false);
    } catch (RuntimeException e) {
      LOG.warn("loading from the ingest log failed ({}); loading one request at a time to find the one that "
          + "cannot be loaded", e.getMessage());
      abandon();
      return replay(true);
    }
  }

  /** Drops whatever is appended and not committed, in both loaders. */
  private void abandon() {
    try {
      awaitCommitted();
    } catch (RuntimeException e) {
      LOG.debug("the abandoned commit failed too: {}", e.getMessage());
    }
    for (BulkLoader l : loaders) {
      l.rollback();
    }
    appendedPosition = loadedPosition;
  }

  private long replay(boolean oneByOne) {
    long[] rows = {0};
    log.replay(loadedPosition, entry -> {
      if (entry.end() <= loadedPosition) {
        return;
      }
      Decoded d;
      try {
        d = entry.json() ? decoder.json(entry.signal(), entry.body()) : decoder.protobuf(entry.signal(), entry.body());
      } catch (IllegalArgumentException e) {
        quarantine(entry, "the request no longer decodes: " + e.getMessage());
        return;
      }
      PreparedBatch prepared = store.prepare(d.batch());
      if (store.promotionDue()) {
        commitNow();
        store.promoteKeys();
      }
      if (!oneByOne) {
        current.append(assignTemplates(prepared), entry.end());
        appendedPosition = entry.end();
        rows[0] += d.batch().size();
        if (current.pendingRows() >= loadRows) {
          commitNow();
        }
        return;
      }
      try {
        current.append(assignTemplates(prepared), entry.end());
        appendedPosition = entry.end();
        commitNow();
        rows[0] += d.batch().size();
      } catch (RuntimeException e) {
        abandon();
        // the store still commits an empty transaction: it is this request, not the store, that fails
        current.append(store.prepare(EMPTY), loadedPosition);
        commitNow();
        quarantine(entry, "the store refused it: " + e.getMessage());
      }
    });
    commitNow();
    return rows[0];
  }

  private static final TelemetryBatch EMPTY = new TelemetryBatch(List.of(), List.of(), List.of());

  /** Keeps an acknowledged request that cannot be loaded, with the reason, and moves past it. */
  private void quarantine(IngestLog.Entry entry, String reason) {
    quarantine.put(entry, reason, clock.instant());
    LOG.error("an acknowledged {} request ({} bytes, ingest log position {}) cannot be loaded; it is kept in {}: {}",
        entry.signal().name().toLowerCase(java.util.Locale.ROOT), entry.body().length, entry.end(),
        quarantine.dir() == null ? "the in-memory quarantine" : quarantine.dir(), reason);
    current.append(store.prepare(EMPTY), entry.end());
    appendedPosition = entry.end();
  }

  /** Requests kept in the quarantine (see {@link Quarantine}). */
  public long quarantined() {
    return quarantine.count();
  }

  /** Moves quarantined records back into the log, to be loaded by this release. */
  private void requeueQuarantined() {
    List<Quarantine.Item> items = quarantine.items();
    if (items.isEmpty()) {
      return;
    }
    log.append(items.stream().map(i -> new IngestLog.Entry(i.entry().signal(), i.entry().json(), i.entry().body(), 0))
        .toList());
    quarantine.release(items);
    LOG.info("{} quarantined requests are loaded again", items.size());
  }

  private PreparedBatch assignTemplates(PreparedBatch p) {
    TelemetryBatch b = p.batch();
    if (b.logs().isEmpty()) {
      return p;
    }
    synchronized (templater) {
      return p.with(new TelemetryBatch(b.spans(), templater.assign(b.logs()), b.metrics()));
    }
  }

  /**
   * Returns once everything acknowledged before the call is loaded into the store (asking the
   * loader to commit early). A no-op on the loader's own thread.
   */
  public void sync() {
    long target = ackedPosition;
    if (loadedPosition >= target || Thread.currentThread() == loaderThread || loaderThread == null) {
      return;
    }
    long until = System.nanoTime() + SYNC_TIMEOUT_NANOS;
    synchronized (loadedMonitor) {
      syncRequested = true;
      toLoad.add(WAKE);
      while (loadedPosition < target && loaderThread.isAlive()) {
        long left = until - System.nanoTime();
        if (left <= 0) {
          LOG.warn("a read did not wait longer for rows still being loaded");
          return;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(loadedMonitor, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        if (loadedPosition < target) {
          syncRequested = true;
        }
      }
    }
  }

  /** Stops taking work, logs and loads what is queued, and waits for both threads to finish. */
  @Override
  public void close() {
    running = false;
    try {
      logWriter.join(60_000);
      toLoad.add(WAKE);
      loaderThread.join(60_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    committer.shutdown();
    store.setReadBarrier(null);
    log.close();
  }
}
