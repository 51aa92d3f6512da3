package io.casefile.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ElementLabelsTest {
  @Test
  void parsesElementsAndSortsTheirPairs() {
    assertThat(ElementLabels.parse("b=b10&c=c4;d=d1&a=a2")).containsExactly("b=b10&c=c4", "a=a2&d=d1");
    assertThat(ElementLabels.of(Map.of("isp", "联通", "cdn", "5"))).isEqualTo("cdn=5&isp=联通");
  }

  @Test
  void rejectsAPairWithoutAnEqualsSignNamingTheLabel() {
    assertThatThrownBy(() -> ElementLabels.parse("a=1&b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a=1&b");
  }

  @Test
  void tallyCountsExactMatchesOnceAndDeduplicatesPredictions() {
    Tally t = new Tally();
    t.add(List.of("a=1", "a=1", "b=2&c=3", "c=3"), Set.of("a=1", "b=2"), 0, 0);
    assertThat(t.tp).isEqualTo(1);
    assertThat(t.fp).isEqualTo(2);
    assertThat(t.fn).isEqualTo(1);
    assertThat(t.f1()).isEqualTo(0.4);
  }
}
