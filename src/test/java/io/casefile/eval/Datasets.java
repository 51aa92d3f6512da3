package io.casefile.eval;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared datasets folder: system property {@code casefile.datasets} if that folder exists,
 * else env {@code CASEFILE_DATASETS}, else {@code ../shared/datasets}.
 */
final class Datasets {
  private Datasets() {}

  static Path folder() {
    String property = System.getProperty("casefile.datasets");
    if (property != null && Files.isDirectory(Path.of(property))) {
      return Path.of(property);
    }
    String env = System.getenv("CASEFILE_DATASETS");
    if (env != null && Files.isDirectory(Path.of(env))) {
      return Path.of(env);
    }
    return Path.of("..", "shared", "datasets");
  }
}
