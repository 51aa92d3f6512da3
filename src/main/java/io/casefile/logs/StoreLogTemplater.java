package io.casefile.logs;

import io.casefile.analysis.logs.LogTemplate;
import io.casefile.analysis.logs.LogTemplateMiner;
import io.casefile.ingest.LogTemplater;
import io.casefile.store.DuckDbStore;
import io.casefile.store.LogRow;
import io.casefile.store.Sql;
import io.casefile.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

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

  private final DuckDbStore store;
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

  private StoreLogTemplater(DuckDbStore store, LogTemplateMiner miner) {
    this.store = store;
    this.miner = miner;
  }

  /** Loads the store's templates into a fresh miner. */
  public static StoreLogTemplater open(DuckDbStore store) {
    List<LogTemplate> stored = new ArrayList<>();
    try (Connection c = store.connection(); Statement st = c.createStatement()) {
      st.execute(RECONCILE);
      try (ResultSet rs = st.executeQuery("SELECT id, template, count FROM log_templates ORDER BY id")) {
        while (rs.next()) {
          stored.add(new LogTemplate(rs.getLong(1), rs.getString(2), rs.getLong(3)));
        }
      }
    } catch (SQLException e) {
      throw new StoreException("cannot load log templates: " + e.getMessage(), e);
    }
    return new StoreLogTemplater(store, LogTemplateMiner.restore(stored));
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

  /** Makes counts and first/last seen exact against the stored records (updates may lag a second). */
  private static final String RECONCILE = """
      UPDATE log_templates SET count = c.n, first_seen = c.f, last_seen = c.l
      FROM (SELECT template_id, count(*) AS n, min("time") AS f, max("time") AS l FROM logs
            WHERE template_id IS NOT NULL GROUP BY template_id) c
      WHERE log_templates.id = c.template_id""";

  /** Count and last-seen updates of known templates are written at most this often. */
  static final long FLUSH_NANOS = 1_000_000_000L;

  private static final String UPDATE_KNOWN = """
      UPDATE log_templates SET template = s.template,
        first_seen = least(log_templates.first_seen, s.first_seen),
        last_seen = greatest(log_templates.last_seen, s.last_seen),
        count = log_templates.count + s.count
      FROM log_template_stage s WHERE log_templates.id = s.id""";

  private static final String INSERT_NEW = """
      INSERT INTO log_templates (id, template, first_seen, last_seen, count)
      SELECT s.id, s.template, s.first_seen, s.last_seen, s.count FROM log_template_stage s
      WHERE NOT EXISTS (SELECT 1 FROM log_templates t WHERE t.id = s.id)""";

  private static final String FOLD = """
      UPDATE log_templates SET count = log_templates.count + o.count,
        first_seen = least(log_templates.first_seen, o.first_seen),
        last_seen = greatest(log_templates.last_seen, o.last_seen)
      FROM log_templates o WHERE log_templates.id = ? AND o.id = ?""";

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
    try (Connection connection = store.connection(); Statement st = connection.createStatement()) {
      st.execute("BEGIN TRANSACTION");
      try {
        try (DuckDBAppender stage = connection.unwrap(DuckDBConnection.class).createAppender("log_template_stage")) {
          for (Map.Entry<Long, Pending> e : pending.entrySet()) {
            Pending p = e.getValue();
            stage.beginRow();
            stage.append(e.getKey().longValue());
            stage.append(miner.template(e.getKey()).template());
            stage.appendEpochMicros(p.firstMicros);
            stage.appendEpochMicros(p.lastMicros);
            stage.append(p.count);
            stage.endRow();
          }
        }
        st.execute(UPDATE_KNOWN);
        st.execute(INSERT_NEW);
        st.execute("DELETE FROM log_template_stage");
        try (PreparedStatement fold = connection.prepareStatement(FOLD);
            PreparedStatement drop = connection.prepareStatement("DELETE FROM log_templates WHERE id = ?");
            PreparedStatement move = connection.prepareStatement("UPDATE logs SET template_id = ? WHERE template_id = ?")) {
          for (long old : merged) {
            long into = miner.resolve(old);
            Sql.bind(fold, List.of(into, old));
            fold.executeUpdate();
            Sql.bind(drop, List.of(old));
            drop.executeUpdate();
            Sql.bind(move, List.of(into, old));
            move.executeUpdate();
          }
        }
        st.execute("COMMIT");
        pending.clear();
        merged.clear();
        hasNew = false;
        lastFlush = now;
      } catch (SQLException | RuntimeException e) {
        st.execute("ROLLBACK");
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("saving " + pending.size() + " log templates failed: " + e.getMessage(), e);
    }
  }
}
