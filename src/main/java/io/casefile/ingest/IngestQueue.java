package io.casefile.ingest;

import io.casefile.model.ChangeEvent;
import io.casefile.store.DuckDbStore;
import io.casefile.store.TelemetryBatch;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: requests queue their decoded rows and wait; a writer thread takes everything
 * queued (up to a group size), writes it in one transaction, COMMITs once and completes every
 * waiting request. There is one writer thread per store writer connection, so one group appends
 * while another commits. The queue is bounded by rows; a full queue refuses new work at once.
 */
public final class IngestQueue implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IngestQueue.class);

  private record Pending(TelemetryBatch batch, CompletableFuture<Void> done) {}

  private final DuckDbStore store;
  private final InstantSource clock;
  private final LogTemplater templater;
  private final Consumer<List<ChangeEvent>> onDerivedChanges;
  private final long capacityRows;
  private final int maxGroupRows;
  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final AtomicLong queuedRows = new AtomicLong();
  private final AtomicLong committedRows = new AtomicLong();
  private final AtomicLong commits = new AtomicLong();
  private final List<Thread> workers = new ArrayList<>();
  private volatile boolean running = true;

  public IngestQueue(DuckDbStore store, InstantSource clock, LogTemplater templater,
      Consumer<List<ChangeEvent>> onDerivedChanges, long capacityRows, int maxGroupRows) {
    if (capacityRows < 1 || maxGroupRows < 1) {
      throw new IllegalArgumentException("queue capacity and group size must be positive, got "
          + capacityRows + " and " + maxGroupRows);
    }
    this.store = store;
    this.clock = clock;
    this.templater = templater;
    this.onDerivedChanges = onDerivedChanges;
    this.capacityRows = capacityRows;
    this.maxGroupRows = maxGroupRows;
    for (int i = 0; i < DuckDbStore.WRITERS; i++) {
      workers.add(Thread.ofPlatform().name("casefile-writer-" + i).daemon().start(this::drain));
    }
  }

  /**
   * Queues a batch; the future completes when its rows are committed, or exceptionally when the
   * write failed. Throws {@link QueueFullException} when the queue is full (nothing queued).
   */
  public CompletableFuture<Void> submit(TelemetryBatch batch) {
    if (!running) {
      throw new QueueFullException("the server is shutting down");
    }
    long rows = batch.size();
    if (rows == 0) {
      return CompletableFuture.completedFuture(null);
    }
    long after = queuedRows.addAndGet(rows);
    if (after > capacityRows && after != rows) {
      queuedRows.addAndGet(-rows);
      throw new QueueFullException("ingest queue is full (" + (after - rows) + " rows waiting, capacity "
          + capacityRows + ")");
    }
    var pending = new Pending(batch, new CompletableFuture<>());
    queue.add(pending);
    return pending.done();
  }

  public long queuedRows() {
    return queuedRows.get();
  }

  public long committedRows() {
    return committedRows.get();
  }

  public long commits() {
    return commits.get();
  }

  private void drain() {
    List<Pending> group = new ArrayList<>();
    while (running || !queue.isEmpty()) {
      try {
        Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        group.add(first);
        long rows = first.batch().size();
        Pending next;
        while (rows < maxGroupRows && (next = queue.poll()) != null) {
          group.add(next);
          rows += next.batch().size();
        }
        writeGroup(group, rows);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } finally {
        group.clear();
      }
    }
  }

  private void writeGroup(List<Pending> group, long rows) {
    try {
      List<TelemetryBatch> batches = new ArrayList<>(group.size());
      synchronized (templater) {
        for (Pending p : group) {
          TelemetryBatch b = p.batch();
          batches.add(b.logs().isEmpty() ? b : new TelemetryBatch(b.spans(), templater.assign(b.logs()), b.metrics()));
        }
      }
      List<ChangeEvent> derived = store.write(batches, clock.instant());
      committedRows.addAndGet(rows);
      commits.incrementAndGet();
      for (Pending p : group) {
        p.done().complete(null);
      }
      if (!derived.isEmpty()) {
        onDerivedChanges.accept(derived);
      }
    } catch (RuntimeException e) {
      LOG.error("writing " + rows + " rows failed: " + e.getMessage(), e);
      for (Pending p : group) {
        p.done().completeExceptionally(e);
      }
    } finally {
      queuedRows.addAndGet(-rows);
    }
  }

  /** Stops taking work, writes what is queued, and waits for the writer to finish. */
  @Override
  public void close() {
    running = false;
    try {
      for (Thread w : workers) {
        w.join(30_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
