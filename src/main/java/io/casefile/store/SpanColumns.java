package io.casefile.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key registry of {@code spans}: which attribute keys have a column of their own, and its name.
 * A key is data, never an identifier: every key (any OTLP string, case variants distinct, empty,
 * NUL, very long) is stored, either in its own column or in the {@code attributes} MAP column. A
 * key gets its own column by use, not by arrival: {@link KeyUsage} counts the keys that land in
 * the map over a window of spans, and the most used ones are promoted (up to the column cap) when
 * the window closes. The column name is the key itself when it is printable ASCII, short, and
 * differs from every other column even ignoring case (DuckDB identifiers are case-insensitive);
 * otherwise {@code attr.<key>} or a generated {@code attr#<n>}. The mapping is kept in
 * {@code span_attribute_keys}.
 *
 * <p>Grows only; the store calls {@link #promote} with every writer paused, and each writer
 * recreates its appender when {@link #version} moves.
 */
final class SpanColumns {
  private static final Logger LOG = LoggerFactory.getLogger(SpanColumns.class);
  static final List<String> FIXED_COLUMNS = List.of("trace_id", "span_id", "parent_span_id",
      "start_time", "duration_us", "kind", "name", "status", "status_message", "service",
      "operation", "is_request", "is_error");
  /** The MAP(VARCHAR, VARCHAR) column holding every attribute without a column of its own. */
  static final String MAP_COLUMN = "attributes";
  private static final Set<String> FIXED = Set.copyOf(FIXED_COLUMNS);
  private static final int MAX_PLAIN_NAME = 120;

  /** The published layout: the key of each slot after the fixed columns (null: the map column). */
  private record Layout(List<String> keys, Map<String, Integer> slotOfKey, int mapSlot) {}

  private final int maxAttributeColumns;
  private final KeyUsage usage;
  private final Set<String> takenLower = new HashSet<>();
  private volatile Layout layout = new Layout(List.of(), Map.of(), -1);
  private volatile List<KeyUsage.Use> lastWindow = List.of();
  /** Keys the last closed window found used enough that have no column yet. */
  private List<KeyUsage.Use> pending = List.of();
  /** Keys used enough for a column that could not get one (bounded: logged once each). */
  private final Set<String> refusedKeys = new HashSet<>();
  private volatile long refused;
  private volatile boolean present;

  SpanColumns(Connection conn, int maxAttributeColumns, KeyUsage usage) throws SQLException {
    this.maxAttributeColumns = maxAttributeColumns;
    this.usage = usage;
    Map<String, String> registered = new HashMap<>();
    List<String> columns = new ArrayList<>();
    try (Statement st = conn.createStatement()) {
      try (var rs = st.executeQuery("SELECT column_name FROM duckdb_columns() "
          + "WHERE table_name = 'spans' AND schema_name = 'main' ORDER BY column_index")) {
        while (rs.next()) {
          columns.add(rs.getString(1));
        }
      }
      if (columns.isEmpty()) {
        return; // a store without the telemetry tables
      }
      present = true;
      st.execute("CREATE TABLE IF NOT EXISTS span_attribute_keys (key VARCHAR NOT NULL, column_name VARCHAR NOT NULL,"
          + " promoted_at TIMESTAMP, spans BIGINT, distinct_values INTEGER, from_map BOOLEAN NOT NULL)");
      if (!columns.contains(MAP_COLUMN)) {
        st.execute("ALTER TABLE spans ADD COLUMN " + Sql.quote(MAP_COLUMN) + " MAP(VARCHAR, VARCHAR)");
        columns.add(MAP_COLUMN);
      }
      try (var rs = st.executeQuery("SELECT key, column_name FROM span_attribute_keys")) {
        while (rs.next()) {
          registered.put(rs.getString(2), rs.getString(1));
        }
      }
    }
    List<String> keys = new ArrayList<>();
    int mapSlot = -1;
    Map<String, String> unregistered = new LinkedHashMap<>();
    for (int i = 0; i < columns.size(); i++) {
      String column = columns.get(i);
      takenLower.add(column.toLowerCase(Locale.ROOT));
      if (i < FIXED_COLUMNS.size()) {
        continue;
      }
      if (column.equals(MAP_COLUMN)) {
        mapSlot = keys.size();
        keys.add(null);
        continue;
      }
      String key = registered.get(column);
      if (key == null) { // a column from before the registry: its name is its key
        key = column.startsWith("attr.") && FIXED.contains(column.substring(5)) ? column.substring(5) : column;
        unregistered.put(key, column);
      }
      keys.add(key);
    }
    if (!unregistered.isEmpty()) {
      try (PreparedStatement ps = conn.prepareStatement(
          "INSERT INTO span_attribute_keys VALUES (?, ?, NULL, NULL, NULL, false)")) {
        for (var e : unregistered.entrySet()) {
          ps.setString(1, e.getKey());
          ps.setString(2, e.getValue());
          ps.executeUpdate();
        }
      }
    }
    publish(keys, mapSlot);
  }

  private void publish(List<String> keys, int mapSlot) {
    Map<String, Integer> m = new HashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      if (keys.get(i) != null) {
        m.put(keys.get(i), i);
      }
    }
    layout = new Layout(java.util.Collections.unmodifiableList(new ArrayList<>(keys)), m, mapSlot);
  }

  /** The slot of a key with its own column, or null (its value goes to the map). */
  Integer slot(String key) {
    return layout.slotOfKey.get(key);
  }

  /** The slot of the map column, or -1 when the table has none. */
  int mapSlot() {
    return layout.mapSlot;
  }

  /** Slots after the fixed columns (attribute columns and the map column). */
  int width() {
    return layout.keys.size();
  }

  /** Keys with a column of their own, in column order. */
  List<String> keys() {
    return layout.keys.stream().filter(k -> k != null).toList();
  }

  /** Changes whenever columns are added. */
  int version() {
    return layout.keys.size();
  }

  KeyUsage usage() {
    return usage;
  }

  /** Keys the last closed window promoted or would have promoted past the cap. */
  List<KeyUsage.Use> lastWindow() {
    return lastWindow;
  }

  /** Keys used enough for a column that did not get one (the cap was reached, or the column failed). */
  long refused() {
    return refused;
  }

  int maxAttributeColumns() {
    return maxAttributeColumns;
  }

  /**
   * Closes the usage window once it holds enough spans, and answers whether keys are waiting for
   * a column: only then must the loader pause for {@link #promote}. A window whose keys all have
   * columns, or that finds the cap reached, closes here without pausing anything.
   */
  synchronized boolean promotionDue() {
    if (!present || !pending.isEmpty()) {
      return !pending.isEmpty();
    }
    if (!usage.due()) {
      return false;
    }
    List<KeyUsage.Use> candidates = usage.closeWindow();
    lastWindow = candidates;
    Layout now = layout;
    int columns = (int) now.keys.stream().filter(k -> k != null).count();
    List<KeyUsage.Use> fresh = candidates.stream().filter(u -> !now.slotOfKey.containsKey(u.key())).toList();
    int room = Math.max(0, maxAttributeColumns - columns);
    for (KeyUsage.Use use : fresh.subList(Math.min(room, fresh.size()), fresh.size())) {
      refuse(use.key(), "used by " + use.spans() + " spans of the last window but the " + maxAttributeColumns
          + " attribute columns are taken");
    }
    pending = fresh.subList(0, Math.min(room, fresh.size()));
    return !pending.isEmpty();
  }

  private void refuse(String key, String why) {
    if (refusedKeys.size() < 10_000 && refusedKeys.add(key)) {
      refused = refusedKeys.size();
      LOG.warn("attribute key {} stays in the attributes map: {}", Texts.printable(key), why);
    }
  }

  /**
   * Adds a column for each key {@link #promotionDue} found waiting, most used first; call only
   * while no writer has an open transaction. A key whose column cannot be added stays in the map
   * (logged and counted): nothing here can stop loading.
   */
  synchronized void promote(Connection conn, Instant now) {
    List<KeyUsage.Use> candidates = pending;
    pending = List.of();
    Layout before = layout;
    List<String> keys = new ArrayList<>(before.keys);
    for (KeyUsage.Use use : candidates) {
      if (before.slotOfKey.containsKey(use.key())) {
        continue;
      }
      String column = columnName(use.key());
      try (Statement st = conn.createStatement();
          PreparedStatement ps = conn.prepareStatement("INSERT INTO span_attribute_keys VALUES (?, ?, ?, ?, ?, true)")) {
        st.execute("BEGIN TRANSACTION");
        try {
          st.execute("ALTER TABLE spans ADD COLUMN " + Sql.quote(column) + " VARCHAR");
          ps.setString(1, use.key());
          ps.setString(2, column);
          ps.setObject(3, java.time.LocalDateTime.ofInstant(now, java.time.ZoneOffset.UTC));
          ps.setLong(4, use.spans());
          ps.setInt(5, use.distinct());
          ps.executeUpdate();
          st.execute("COMMIT");
        } catch (SQLException e) {
          st.execute("ROLLBACK");
          throw e;
        }
        takenLower.add(column.toLowerCase(Locale.ROOT));
        keys.add(use.key());
        LOG.info("attribute key {} promoted to column {} ({} spans of {}, {} distinct values)",
            Texts.printable(use.key()), Sql.quote(column), use.spans(), usage.window(), use.distinct());
      } catch (SQLException e) {
        refuse(use.key(), "its column could not be added: " + e.getMessage());
      }
    }
    if (keys.size() != before.keys.size()) {
      publish(keys, before.mapSlot);
    }
  }

  /** A column name for a key, unique even ignoring case among the table's columns. */
  String columnName(String key) {
    if (plain(key)) {
      for (String c : List.of(key, "attr." + key)) {
        if (!takenLower.contains(c.toLowerCase(Locale.ROOT))) {
          return c;
        }
      }
    }
    for (int n = takenLower.size(); ; n++) {
      String c = "attr#" + n;
      if (!takenLower.contains(c)) {
        return c;
      }
    }
  }

  private static boolean plain(String key) {
    if (key.isEmpty() || key.length() > MAX_PLAIN_NAME || key.isBlank()) {
      return false;
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }

  /** Key texts for logs: control characters escaped, long keys cut. */
  static final class Texts {
    private Texts() {}

    static String printable(String key) {
      StringBuilder b = new StringBuilder("'");
      for (int i = 0; i < key.length() && i < 80; i++) {
        char c = key.charAt(i);
        b.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
      }
      return b.append(key.length() > 80 ? "…' (" + key.length() + " chars)" : "'").toString();
    }
  }
}
