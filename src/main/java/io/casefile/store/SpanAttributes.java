package io.casefile.store;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How to read a span attribute in SQL, for every reader of {@code spans}: a key with a column of
 * its own is that column (falling back to the {@code attributes} map for rows stored before it
 * was promoted); any other key is looked up in the map. {@link #keys()} lists every key present,
 * in columns or in the map. Keys are data: they reach SQL only as quoted identifiers or escaped
 * literals.
 */
public final class SpanAttributes {
  private final Map<String, String> expressionOfKey;
  private final Map<String, String> columnOfKey;
  private final Set<String> columnKeys;
  private final Connection connection;
  private final boolean map;
  private Set<String> keys;
  private final Map<String, Boolean> inMap = new HashMap<>();

  private SpanAttributes(Map<String, String> expressionOfKey, Map<String, String> columnOfKey, Connection connection,
      boolean map) {
    this.connection = connection;
    this.expressionOfKey = expressionOfKey;
    this.columnOfKey = columnOfKey;
    this.columnKeys = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(columnOfKey.keySet()));
    this.map = map;
  }

  /** Reads the key registry; the keys present in the map are read when first asked for. */
  public static SpanAttributes read(Connection c) {
    List<String> columns = Queries.list(c, "SELECT column_name FROM duckdb_columns() "
        + "WHERE table_name = 'spans' AND schema_name = 'main' ORDER BY column_index", List.of(), rs -> rs.getString(1));
    Set<String> columnSet = Set.copyOf(columns);
    boolean map = columnSet.contains(SpanColumns.MAP_COLUMN);
    Map<String, String> expr = new HashMap<>();
    Map<String, String> columnKeys = new java.util.LinkedHashMap<>();
    Set<String> registeredColumns = new java.util.HashSet<>();
    boolean registry = !Queries.list(c, "SELECT 1 FROM duckdb_tables() WHERE table_name = 'span_attribute_keys'",
        List.of(), rs -> 1).isEmpty();
    if (registry) {
      record Row(String key, String column, boolean fromMap) {}
      for (Row r : Queries.list(c, "SELECT key, column_name, from_map FROM span_attribute_keys", List.of(),
          rs -> new Row(rs.getString(1), rs.getString(2), rs.getBoolean(3)))) {
        if (columnSet.contains(r.column())) {
          registeredColumns.add(r.column());
          columnKeys.put(r.key(), r.column());
          expr.put(r.key(), r.fromMap() && map
              ? "coalesce(" + Sql.quote(r.column()) + ", " + mapValue(r.key()) + ")" : Sql.quote(r.column()));
        }
      }
    }
    for (int i = SpanColumns.FIXED_COLUMNS.size(); i < columns.size(); i++) {
      String column = columns.get(i);
      if (!registeredColumns.contains(column) && !column.equals(SpanColumns.MAP_COLUMN)) {
        String key = column.startsWith("attr.") && SpanColumns.FIXED_COLUMNS.contains(column.substring(5))
            ? column.substring(5) : column; // a table from before the registry
        columnKeys.put(key, column);
        expr.put(key, Sql.quote(column));
      }
    }
    return new SpanAttributes(expr, columnKeys, c, map);
  }

  /** The SQL expression for a key's value (NULL where a span does not have it). */
  public String expression(String key) {
    String e = expressionOfKey.get(key);
    if (e != null) {
      return e;
    }
    return map ? mapValue(key) : "CAST(NULL AS VARCHAR)";
  }

  /** Every key present: with a column of its own, or in the map of some span (one scan of the map). */
  public Set<String> keys() {
    if (keys == null) {
      Set<String> all = new LinkedHashSet<>(columnKeys);
      if (map) {
        all.addAll(Queries.list(connection, "SELECT DISTINCT unnest(map_keys(" + Sql.quote(SpanColumns.MAP_COLUMN)
            + ")) FROM spans WHERE " + Sql.quote(SpanColumns.MAP_COLUMN) + " IS NOT NULL", List.of(),
            rs -> rs.getString(1)));
      }
      keys = java.util.Collections.unmodifiableSet(all);
    }
    return keys;
  }

  /** The column of a key with a column of its own, unquoted; null for a key held in the map. */
  public String column(String key) {
    return columnOfKey.get(key);
  }

  /** Keys with a column of their own, in column order. */
  public Set<String> columnKeys() {
    return columnKeys;
  }

  /** Whether any span has the key (a key with a column counts even when every value is NULL). */
  public boolean contains(String key) {
    if (columnKeys.contains(key) || keys != null) {
      return columnKeys.contains(key) || keys.contains(key);
    }
    return map && inMap.computeIfAbsent(key, k -> !Queries.list(connection, "SELECT 1 FROM spans WHERE "
        + Sql.quote(SpanColumns.MAP_COLUMN) + " IS NOT NULL AND map_contains(" + Sql.quote(SpanColumns.MAP_COLUMN)
        + ", ?) LIMIT 1", List.of(k), rs -> 1).isEmpty());
  }

  /** Whether {@code spans} has the attributes map column. */
  public boolean hasMap() {
    return map;
  }

  /** The map column, quoted. */
  public static String mapColumn() {
    return Sql.quote(SpanColumns.MAP_COLUMN);
  }

  static String mapValue(String key) {
    return "map_extract_value(" + Sql.quote(SpanColumns.MAP_COLUMN) + ", " + literal(key) + ")";
  }

  /** A SQL string literal for any text, NUL characters included. */
  public static String literal(String text) {
    if (text.indexOf('\0') < 0) {
      return "'" + text.replace("'", "''") + "'";
    }
    List<String> parts = new ArrayList<>();
    for (String p : text.split("\0", -1)) {
      parts.add("'" + p.replace("'", "''") + "'");
    }
    return "(" + String.join(" || chr(0) || ", parts) + ")";
  }
}
