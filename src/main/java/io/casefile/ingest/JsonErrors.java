package io.casefile.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.regex.Pattern;

/**
 * What a JSON parse failure says to the client: the parser's own description of the problem,
 * without its configuration advice ("enable JsonReadFeature…"), source excerpts or Java type names.
 */
public final class JsonErrors {
  private static final Pattern ADVICE = Pattern.compile("[:;,]?\\s*(?:enable|disable)\\s+`[^`]*`.*", Pattern.DOTALL);
  private static final Pattern SOURCE = Pattern.compile("\\s*\\(?(?:start marker )?at \\[Source:[^\\]]*\\]\\)?");
  private static final Pattern JAVA_TYPE = Pattern.compile("`(?:[a-z][a-z0-9_]*\\.)+([A-Z][A-Za-z0-9_$]*)`");

  private JsonErrors() {}

  public static String describe(JsonProcessingException e) {
    String m = e.getOriginalMessage();
    if (m == null || m.isBlank()) {
      return "malformed JSON";
    }
    m = ADVICE.matcher(m).replaceAll("");
    m = SOURCE.matcher(m).replaceAll("");
    m = JAVA_TYPE.matcher(m).replaceAll("$1");
    return m.strip();
  }
}
