package io.casefile.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.casefile.model.JsonCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options of every command that talks to a running server: where it is, how to authenticate, JSON or text. */
final class ServerOptions {
  @Option(names = "--server", defaultValue = "${env:CASEFILE_SERVER:-http://127.0.0.1:7070}",
      description = "The Casefile server's address (default: ${DEFAULT-VALUE}, or env CASEFILE_SERVER).")
  String server;

  @Option(names = "--token", defaultValue = "${env:CASEFILE_TOKEN}", description = "Bearer token (or env CASEFILE_TOKEN).")
  String token;

  @Option(names = "--token-file", description = "File holding the bearer token (instead of --token).")
  Path tokenFile;

  @Option(names = "--json", description = "Print the server's JSON answer.")
  boolean json;

  ApiClient client() {
    return new ApiClient(server, bearer(token, tokenFile));
  }

  /** The token given directly, else the first line of the token file; null when neither is given. */
  static String bearer(String token, Path tokenFile) {
    if (tokenFile == null) {
      return token == null || token.isBlank() ? null : token.trim();
    }
    try {
      String t = Files.readString(tokenFile).lines().map(String::trim).filter(l -> !l.isEmpty()).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("--token-file " + tokenFile + " is empty"));
      return t.split("\\s+")[0];
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read --token-file " + tokenFile + ": " + e.getMessage());
    }
  }

  /** A server answer, indented. */
  static String pretty(JsonNode answer) {
    try {
      return JsonCodec.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(answer);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
