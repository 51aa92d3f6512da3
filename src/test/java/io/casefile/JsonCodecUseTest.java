package io.casefile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** One JSON configuration: every mapper in the product is {@code model.JsonCodec}'s. */
class JsonCodecUseTest {
  private static final Path ROOT = Path.of("src/main/java/io/casefile");

  @Test
  void onlyTheCodecBuildsAMapper() throws IOException {
    List<String> builders;
    try (Stream<Path> s = Files.walk(ROOT)) {
      builders = s.filter(p -> p.toString().endsWith(".java"))
          .filter(p -> read(p).matches("(?s).*(new ObjectMapper\\(|JsonMapper\\.builder\\(|\\.copy\\(\\)\\s*\\.(en|dis)able).*"))
          .map(p -> ROOT.relativize(p).toString().replace('\\', '/'))
          .sorted()
          .toList();
    }
    assertThat(builders).containsExactly("model/JsonCodec.java");
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
