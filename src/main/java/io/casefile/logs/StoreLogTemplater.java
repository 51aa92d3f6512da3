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

/**
 * Mines each log record body at ingest with one {@link LogTemplateMiner} per store, sets
 * {@code template_id}, and keeps {@code log_templates} up to date. Runs on the store's single
 * writer thread (see {@link LogTemplater}).
 *
 * <p>Templates are upserted in their own transaction before the records that reference them are
 * written, so a stored {@code template_id} always names a stored template; if the record write
 * then fails, a template's count may run ahead of its records. A template whose upsert failed
 * stays pending and is written with the next batch. At open, the miner is rebuilt from the stored
 * templates, so ids survive restarts.
 */
public final class StoreLogTemplater implements LogTemplater {
  /** Bodies are mined on their first this many characters (a stack trace's frames add nothing). */
  static final int MAX_MINED_CHARS = 2_048;

  private final DuckDbStore store;
  private final LogTemplateMiner miner;
  private final Map<Long, Pending> pending = new LinkedHashMap<>();

  private static final class Pending {
    long count;
    long firstMicros = Long.MAX_VALUE;
    long lastMicros = Long.MIN_VALUE;
  }

  private StoreLogTemplater(DuckDbStore store, LogTemplateMiner miner) {
    this.store = store;
    this.miner = miner;
  }

  /** Loads the store's templates into a fresh miner. */
  public static StoreLogTemplater open(DuckDbStore store) {
    List<LogTemplate> stored = new ArrayList<>();
    try (Connection c = store.connection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT id, template, count FROM log_templates ORDER BY id")) {
      while (rs.next()) {
        stored.add(new LogTemplate(rs.getLong(1), rs.getString(2), rs.getLong(3)));
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
    for (LogRow row : logs) {
      String body = row.body();
      if (body == null) {
        out.add(row);
        continue;
      }
      String mined = body.length() > MAX_MINED_CHARS ? body.substring(0, MAX_MINED_CHARS) : body;
      long id = miner.add(mined).template().id();
      Pending p = pending.computeIfAbsent(id, k -> new Pending());
      p.count++;
      p.firstMicros = Math.min(p.firstMicros, row.timeMicros());
      p.lastMicros = Math.max(p.lastMicros, row.timeMicros());
      out.add(row.withTemplateId(id));
    }
    persist();
    return out;
  }

  private static final String UPSERT = """
      INSERT INTO log_templates (id, template, first_seen, last_seen, count) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET template = excluded.template,
        first_seen = least(log_templates.first_seen, excluded.first_seen),
        last_seen = greatest(log_templates.last_seen, excluded.last_seen),
        count = log_templates.count + excluded.count""";

  private void persist() {
    if (pending.isEmpty()) {
      return;
    }
    try (Connection connection = store.connection(); Statement st = connection.createStatement();
        PreparedStatement ps = connection.prepareStatement(UPSERT)) {
      st.execute("BEGIN TRANSACTION");
      try {
        for (Map.Entry<Long, Pending> e : pending.entrySet()) {
          Pending p = e.getValue();
          Sql.bind(ps, List.of(e.getKey(), miner.template(e.getKey()).template(),
              Sql.ofMicros(p.firstMicros), Sql.ofMicros(p.lastMicros), p.count));
          ps.executeUpdate();
        }
        st.execute("COMMIT");
        pending.clear();
      } catch (SQLException | RuntimeException e) {
        st.execute("ROLLBACK");
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("saving " + pending.size() + " log templates failed: " + e.getMessage(), e);
    }
  }
}
