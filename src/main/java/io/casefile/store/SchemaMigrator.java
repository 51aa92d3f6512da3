package io.casefile.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Applies each schema's statements once, in order, recording them in {@code schema_migrations}. */
final class SchemaMigrator {
  private final Connection conn;

  SchemaMigrator(Connection conn) {
    this.conn = conn;
  }

  void apply(List<Schema> schemas) throws SQLException {
    try (Statement st = conn.createStatement()) {
      st.execute("CREATE TABLE IF NOT EXISTS schema_migrations (schema_name VARCHAR NOT NULL, "
          + "step INTEGER NOT NULL, statement VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL "
          + "DEFAULT current_timestamp, PRIMARY KEY (schema_name, step))");
    }
    Set<String> applied = new HashSet<>();
    try (Statement st = conn.createStatement();
        var rs = st.executeQuery("SELECT schema_name, step FROM schema_migrations")) {
      while (rs.next()) {
        applied.add(rs.getString(1) + "#" + rs.getInt(2));
      }
    }
    for (Schema schema : schemas) {
      List<String> statements = schema.statements();
      for (int i = 0; i < statements.size(); i++) {
        if (applied.contains(schema.name() + "#" + i)) {
          continue;
        }
        try (Statement st = conn.createStatement();
            PreparedStatement record = conn.prepareStatement(
                "INSERT INTO schema_migrations (schema_name, step, statement) VALUES (?, ?, ?)")) {
          st.execute("BEGIN TRANSACTION");
          try {
            st.execute(statements.get(i));
            record.setString(1, schema.name());
            record.setInt(2, i);
            record.setString(3, statements.get(i));
            record.executeUpdate();
            st.execute("COMMIT");
          } catch (SQLException e) {
            try (Statement rollback = conn.createStatement()) { // a failed statement may be closed
              rollback.execute("ROLLBACK");
            } catch (SQLException r) {
              e.addSuppressed(r);
            }
            throw new SQLException("schema '" + schema.name() + "' step " + i + " failed: "
                + e.getMessage(), e);
          }
        }
      }
    }
  }
}
