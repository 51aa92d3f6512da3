package io.casefile.eval;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A small RFC 4180 reader: fields separated by commas, optionally in double quotes, where a quoted
 * field may hold commas, line breaks and doubled quotes. Both LF and CRLF end a record.
 */
final class LoghubCsv {
  private LoghubCsv() {}

  /** Reads every record; a quote left open at the end of input is an error naming the record. */
  static List<List<String>> read(Reader in) throws IOException {
    List<List<String>> records = new ArrayList<>();
    List<String> record = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean fieldStarted = false;
    int c;
    while ((c = in.read()) != -1) {
      char ch = (char) c;
      if (quoted) {
        if (ch == '"') {
          in.mark(1);
          int next = in.read();
          if (next == '"') {
            field.append('"');
          } else {
            quoted = false;
            if (next != -1) {
              in.reset();
            }
          }
        } else {
          field.append(ch);
        }
      } else if (ch == '"' && field.isEmpty()) {
        quoted = true;
        fieldStarted = true;
      } else if (ch == ',') {
        record.add(field.toString());
        field.setLength(0);
        fieldStarted = true;
      } else if (ch == '\n' || ch == '\r') {
        if (ch == '\r') {
          in.mark(1);
          if (in.read() != '\n') {
            in.reset();
          }
        }
        if (fieldStarted || !field.isEmpty() || !record.isEmpty()) {
          record.add(field.toString());
          records.add(record);
        }
        record = new ArrayList<>();
        field.setLength(0);
        fieldStarted = false;
      } else {
        field.append(ch);
        fieldStarted = true;
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("CSV ends inside a quoted field in record " + (records.size() + 1));
    }
    if (fieldStarted || !field.isEmpty() || !record.isEmpty()) {
      record.add(field.toString());
      records.add(record);
    }
    return records;
  }
}
