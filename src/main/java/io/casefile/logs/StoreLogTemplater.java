package io.casefile.logs;

import io.casefile.analysis.logs.LogTemplate;
import io.casefile.analysis.logs.LogTemplateMiner;
import io.casefile.ingest.LogTemplater;
import io.casefile.store.LogRow;
import io.casefile.store.LogTemplateStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Mines each log record body at ingest with one {@link LogTemplateMiner} per store, sets
 * {@code template_id}, and keeps {@code log_templates} up to date. Runs on the store's single
 * writer thread (see {@link LogTemplater}).
 *
 * <p>Templates are written in their own transaction before the records that reference them, so a
 * stored {@code template_id} always names a stored template. New templates and merges are written
 * with the batch that produced them; count and last-seen updates of known templates at most once a
 * second (a COMMIT per batch would double the ingest path's fsyncs). If a write fails, what it held
 * stays pending for the next batch. When the miner folds sibling templates into one
 * ({@link LogTemplateMiner.Match#merged}), the same transaction adds their counts to it, deletes
 * them and moves their stored records to it. At open, counts and first/last seen times are
 * recomputed from the stored records (they may lag or, after a failed record write, run ahead),
 * and the miner is rebuilt from the stored templates, so ids survive restarts.
 */
public final class StoreLogTemplater implements LogTemplater {
  /** Bodies are mined on their first this many characters (a stack trace's frames add nothing). */
  static final int MAX_MINED_CHARS = 2_048;

  private final LogTemplateStore store;
  private final LogTemplateMiner miner;
  private final Map<Long, Pending> pending = new LinkedHashMap<>();
  /** Ids of templates merged into another, whose stored rows still need moving. */
  private final List<Long> merged = new ArrayList<>();
  private boolean hasNew;
  private long lastFlush = System.nanoTime();

  private static final class Pending {
    long count;
    long firstMicros = Long.MAX_VALUE;
    long lastMicros = Long.MIN_VALUE;

    void add(Pending other) {
      count += other.count;
      firstMicros = Math.min(firstMicros, other.firstMicros);
      lastMicros = Math.max(lastMicros, other.lastMicros);
    }
  }

  private StoreLogTemplater(LogTemplateStore store, LogTemplateMiner miner) {
    this.store = store;
    this.miner = miner;
  }

  /** Loads the store's templates into a fresh miner. */
  public static StoreLogTemplater open(LogTemplateStore store) {
    return new StoreLogTemplater(store, LogTemplateMiner.restore(store.loadLogTemplates()));
  }

  /** The miner's templates (for inspection and tests). */
  public List<LogTemplate> templates() {
    return miner.templates();
  }

  @Override
  public List<LogRow> assign(List<LogRow> logs) {
    List<LogRow> out = new ArrayList<>(logs.size());
    boolean anyMerge = false;
    for (LogRow row : logs) {
      String body = row.body();
      if (body == null) {
        out.add(row);
        continue;
      }
      String mined = body.length() > MAX_MINED_CHARS ? body.substring(0, MAX_MINED_CHARS) : body;
      LogTemplateMiner.Match match = miner.add(mined);
      long id = match.template().id();
      hasNew |= match.created();
      Pending p = pending.computeIfAbsent(id, k -> new Pending());
      p.count++;
      p.firstMicros = Math.min(p.firstMicros, row.timeMicros());
      p.lastMicros = Math.max(p.lastMicros, row.timeMicros());
      for (long old : match.merged()) {
        Pending folded = pending.remove(old);
        if (folded != null) {
          p.add(folded);
        }
        merged.add(old);
        anyMerge = true;
      }
      out.add(row.withTemplateId(id));
    }
    if (anyMerge) {
      out.replaceAll(r -> r.templateId() == null ? r : r.withTemplateId(miner.resolve(r.templateId())));
    }
    persist();
    return out;
  }

  /** Count and last-seen updates of known templates are written at most this often. */
  static final long FLUSH_NANOS = 1_000_000_000L;

  /**
   * Writes pending templates through the staging table: one UPDATE for the known ones, one
   * INSERT for the new ones (always at once: records about to be written refer to them), then
   * any merges. Without new templates or merges, waits until {@link #FLUSH_NANOS} has passed.
   */
  private void persist() {
    if (pending.isEmpty() && merged.isEmpty()) {
      return;
    }
    long now = System.nanoTime();
    if (!hasNew && merged.isEmpty() && now - lastFlush < FLUSH_NANOS) {
      return;
    }
    List<LogTemplateStore.TemplateUse> uses = new ArrayList<>(pending.size());
    for (Map.Entry<Long, Pending> e : pending.entrySet()) {
      Pending p = e.getValue();
      uses.add(new LogTemplateStore.TemplateUse(e.getKey(), miner.template(e.getKey()).template(), p.firstMicros,
          p.lastMicros, p.count));
    }
    List<LogTemplateStore.Merge> merges = new ArrayList<>(merged.size());
    for (long old : merged) {
      merges.add(new LogTemplateStore.Merge(old, miner.resolve(old)));
    }
    store.saveLogTemplates(uses, merges);
    pending.clear();
    merged.clear();
    hasNew = false;
    lastFlush = now;
  }
}
