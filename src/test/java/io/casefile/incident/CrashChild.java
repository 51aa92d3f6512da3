package io.casefile.incident;

import io.casefile.server.CasefileServer;
import io.casefile.server.ServerConfig;
import java.nio.file.Path;

/** Runs a server on a data folder until killed; prints its API port. Used by {@link IncidentCrashTest}. */
public final class CrashChild {
  private CrashChild() {}

  public static void main(String[] args) throws Exception {
    CasefileServer server = CasefileServer.start(ServerConfig.ephemeral(Path.of(args[0])));
    System.out.println("READY " + server.apiPort());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
