package io.casefile.store;

import io.casefile.analysis.logs.LogTemplate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.Supplier;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * {@link LogTemplateStore} over DuckDB: uses are appended to {@code log_template_stage} and
 * applied with one UPDATE for the known templates and one INSERT for the new ones, so a batch
 * costs three statements whatever its number of templates.
 */
final class LogTemplateTable implements LogTemplateStore {
  /** Makes counts and first/last seen exact against the stored records (updates may lag a second). */
  private static final String RECONCILE = """
      UPDATE log_templates SET count = c.n, first_seen = c.f, last_seen = c.l
      FROM (SELECT template_id, count(*) AS n, min("time") AS f, max("time") AS l FROM logs
            WHERE template_id IS NOT NULL GROUP BY template_id) c
      WHERE log_templates.id = c.template_id""";

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

  private final Supplier<Connection> connections;

  /** @param connections a new connection to the database per call, closed after it */
  LogTemplateTable(Supplier<Connection> connections) {
    this.connections = connections;
  }

  @Override
  public List<LogTemplate> loadLogTemplates() {
    try (Connection c = connections.get(); Statement st = c.createStatement()) {
      st.execute(RECONCILE);
      return Queries.list(c, "SELECT id, template, count FROM log_templates ORDER BY id", List.of(),
          rs -> new LogTemplate(rs.getLong(1), rs.getString(2), rs.getLong(3)));
    } catch (SQLException e) {
      throw new StoreException("cannot load log templates: " + e.getMessage(), e);
    }
  }

  @Override
  public void saveLogTemplates(List<TemplateUse> uses, List<Merge> merges) {
    try (Connection connection = connections.get(); Statement st = connection.createStatement()) {
      st.execute("BEGIN TRANSACTION");
      try {
        try (DuckDBAppender stage = connection.unwrap(DuckDBConnection.class).createAppender("log_template_stage")) {
          for (TemplateUse u : uses) {
            stage.beginRow();
            stage.append(u.id());
            stage.append(u.template());
            stage.appendEpochMicros(u.firstMicros());
            stage.appendEpochMicros(u.lastMicros());
            stage.append(u.count());
            stage.endRow();
          }
        }
        st.execute(UPDATE_KNOWN);
        st.execute(INSERT_NEW);
        st.execute("DELETE FROM log_template_stage");
        try (PreparedStatement fold = connection.prepareStatement(FOLD);
            PreparedStatement drop = connection.prepareStatement("DELETE FROM log_templates WHERE id = ?");
            PreparedStatement move = connection.prepareStatement("UPDATE logs SET template_id = ? WHERE template_id = ?")) {
          for (Merge m : merges) {
            Sql.bind(fold, List.of(m.into(), m.from()));
            fold.executeUpdate();
            Sql.bind(drop, List.of(m.from()));
            drop.executeUpdate();
            Sql.bind(move, List.of(m.into(), m.from()));
            move.executeUpdate();
          }
        }
        st.execute("COMMIT");
      } catch (SQLException | RuntimeException e) {
        st.execute("ROLLBACK");
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException("saving " + uses.size() + " log templates failed: " + e.getMessage(), e);
    }
  }
}
