package io.casefile.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The attribute columns of {@code spans}, shared by the writers: key → slot (position after the
 * fixed columns). Grows only, by {@code ALTER TABLE ADD COLUMN}; the store calls {@link #add} with
 * every writer paused, and each writer recreates its appender when {@link #version} moves.
 */
final class SpanColumns {
  static final List<String> FIXED_COLUMNS = List.of("trace_id", "span_id", "parent_span_id",
      "start_time", "duration_us", "kind", "name", "status", "status_message", "service",
      "operation", "is_request", "is_error");
  private static final Set<String> FIXED = Set.copyOf(FIXED_COLUMNS);

  private final int maxAttributeColumns;
  private volatile Map<String, Integer> slotOfKey = Map.of();
  private volatile List<String> keys = List.of();
  private volatile long dropped;

  SpanColumns(Connection conn, int maxAttributeColumns) throws SQLException {
    this.maxAttributeColumns = maxAttributeColumns;
    List<String> found = new ArrayList<>();
    try (var st = conn.createStatement();
        var rs = st.executeQuery("SELECT column_name FROM duckdb_columns() "
            + "WHERE table_name = 'spans' AND schema_name = 'main' ORDER BY column_index")) {
      int i = 0;
      while (rs.next()) {
        String column = rs.getString(1);
        if (i++ >= FIXED_COLUMNS.size()) {
          found.add(column.startsWith("attr.") && FIXED.contains(column.substring(5)) ? column.substring(5) : column);
        }
      }
    }
    publish(found);
  }

  private void publish(List<String> all) {
    Map<String, Integer> m = new HashMap<>();
    for (int i = 0; i < all.size(); i++) {
      m.put(all.get(i), i);
    }
    keys = List.copyOf(all);
    slotOfKey = m; // a HashMap, published through the volatile field and never mutated after
  }

  /** The column that holds an attribute key: the key itself, or {@code attr.<key>} for a fixed name. */
  static String columnOf(String key) {
    return FIXED.contains(key) ? "attr." + key : key;
  }

  Integer slot(String key) {
    return slotOfKey.get(key);
  }

  List<String> keys() {
    return keys;
  }

  /** Changes whenever columns are added. */
  int version() {
    return keys.size();
  }

  long dropped() {
    return dropped;
  }

  /** Keys in the group without a column (and not over the cap); empty when none. */
  Set<String> missing(List<TelemetryBatch> group) {
    Set<String> fresh = null;
    Map<String, Integer> known = slotOfKey;
    String[] previous = null;
    int previousCount = 0;
    for (TelemetryBatch b : group) {
      for (SpanRow s : b.spans()) {
        String[] keys = s.attrKeys();
        for (int i = 0; i < s.attrCount(); i++) {
          String k = keys[i];
          if (i < previousCount && k == previous[i]) {
            continue; // the previous span's own key instance: already looked at
          }
          if (!known.containsKey(k)) {
            if (fresh == null) {
              fresh = new LinkedHashSet<>();
            }
            fresh.add(k);
          }
        }
        previous = keys;
        previousCount = s.attrCount();
      }
    }
    return fresh == null ? Set.of() : fresh;
  }

  /** Adds columns; call only while no writer has an open transaction. */
  void add(Connection conn, Set<String> fresh) throws SQLException {
    List<String> all = new ArrayList<>(keys);
    try (Statement st = conn.createStatement()) {
      for (String k : fresh) {
        if (slotOfKey.containsKey(k) || all.contains(k)) {
          continue;
        }
        if (all.size() >= maxAttributeColumns) {
          dropped++;
          continue;
        }
        st.execute("ALTER TABLE spans ADD COLUMN IF NOT EXISTS " + Sql.quote(columnOf(k)) + " VARCHAR");
        all.add(k);
      }
    }
    publish(all);
  }

  /** True when every key of the group has a column or can never get one (cap reached). */
  boolean complete(List<TelemetryBatch> group) {
    return missing(group).isEmpty() || keys.size() >= maxAttributeColumns;
  }
}
