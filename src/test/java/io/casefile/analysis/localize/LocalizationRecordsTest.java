package io.casefile.analysis.localize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class LocalizationRecordsTest {
  @Test
  void leafRejectsNonFiniteNumbersNamingTheLeaf() {
    assertThatThrownBy(() -> new Leaf(List.of("eu", "pix"), Double.NaN, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[eu, pix]")
        .hasMessageContaining("real");
  }

  @Test
  void problemRejectsALeafWithTheWrongNumberOfValues() {
    assertThatThrownBy(() -> LocalizationProblem.additive(List.of("region", "method"),
            List.of(new Leaf(List.of("eu"), 1, 1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[eu]")
        .hasMessageContaining("2 attributes");
  }

  @Test
  void problemRejectsRepeatedAttributes() {
    assertThatThrownBy(() -> LocalizationProblem.additive(List.of("a", "a"), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[a, a]");
  }

  @Test
  void rootCauseLabelSortsAttributes() {
    var cause = new RootCause(new TreeMap<>(Map.of("b", "2", "a", "1")), 0.9, 0.8, 10, 2);
    assertThat(cause.label()).isEqualTo("a=1&b=2");
  }

  @Test
  void registryNamesTheKnownLocalizersForAnUnknownName() {
    assertThat(Localizers.all()).contains(Localizers.standard());
    assertThat(Localizers.byName("riskloc").name()).isEqualTo("riskloc");
    assertThatThrownBy(() -> Localizers.byName("nope"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("scan")
        .hasMessageContaining("riskloc");
  }
}
