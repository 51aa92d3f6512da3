package io.casefile.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The current row of a feature query, read by column position (1-based, as in the SELECT list).
 * Times are selected as {@code epoch_us(column)} and read with {@link #instant}, the way every store
 * query reads them, so no JVM time zone touches them. Valid only while the row is being mapped.
 */
public final class Row {
  private final ResultSet rs;

  Row(ResultSet rs) {
    this.rs = rs;
  }

  public String string(int column) {
    try {
      return rs.getString(column);
    } catch (SQLException e) {
      throw new ColumnFailure(e);
    }
  }

  /** A value that must not be null; a null is a failure naming the column. */
  public long longValue(int column) {
    return required(nullableLong(column), column);
  }

  public Long nullableLong(int column) {
    Number n = number(column);
    return n == null ? null : n.longValue();
  }

  public int intValue(int column) {
    return required(nullableInt(column), column);
  }

  public Integer nullableInt(int column) {
    Number n = number(column);
    return n == null ? null : Math.toIntExact(n.longValue());
  }

  public double doubleValue(int column) {
    Number n = required(number(column), column);
    return n.doubleValue();
  }

  public boolean bool(int column) {
    Object v = object(column);
    if (v instanceof Boolean b) {
      return b;
    }
    throw new ColumnFailure(new SQLException("column " + column + " holds " + describe(v) + ", not a boolean"));
  }

  /** An instant from an {@code epoch_us(...)} column that must not be null. */
  public Instant instant(int column) {
    return required(nullableInstant(column), column);
  }

  /** An instant from a nullable {@code epoch_us(...)} column. */
  public Instant nullableInstant(int column) {
    Object v = object(column);
    if (v == null || v instanceof Number) {
      return Sql.instantOfMicros(v);
    }
    throw new ColumnFailure(new SQLException("column " + column + " holds " + describe(v)
        + ", not epoch microseconds: select epoch_us(...) of a timestamp"));
  }

  private Number number(int column) {
    Object v = object(column);
    if (v == null || v instanceof Number) {
      return (Number) v;
    }
    throw new ColumnFailure(new SQLException("column " + column + " holds " + describe(v) + ", not a number"));
  }

  private Object object(int column) {
    try {
      return rs.getObject(column);
    } catch (SQLException e) {
      throw new ColumnFailure(e);
    }
  }

  private static <T> T required(T value, int column) {
    if (value == null) {
      throw new ColumnFailure(new SQLException("column " + column + " is null"));
    }
    return value;
  }

  private static String describe(Object v) {
    return v == null ? "null" : "a " + v.getClass().getSimpleName();
  }

  /** Carries a column's failure out of a mapper to the query, which reports it with its statement. */
  static final class ColumnFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ColumnFailure(SQLException cause) {
      super(cause);
    }

    @Override
    public synchronized SQLException getCause() {
      return (SQLException) super.getCause();
    }
  }
}
