package io.casefile.analysis.logs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds the log templates that are new in an incident window, or that occur significantly more
 * often there than in a baseline window.
 *
 * <p>Under "no change" a template's occurrences fall into the two windows in proportion to their
 * lengths, so given its total count n the incident count is Binomial(n, T_incident / (T_baseline +
 * T_incident)). Each template gets the exact one-sided p-value of its incident count; the
 * p-values of all templates tested are adjusted by Benjamini-Hochberg, and a template is reported
 * when its adjusted p-value is at most the false discovery rate and, for templates already in the
 * baseline, its rate grew by at least {@code minRateRatio} (a significant but tiny increase on a
 * busy template is not a signal). Deterministic: ties are broken by template id.
 */
public final class TemplateShiftAnalyser {
  private final double falseDiscoveryRate;
  private final double minRateRatio;

  /** False discovery rate 1%, and an increase must at least double the rate. */
  public TemplateShiftAnalyser() {
    this(0.01, 2.0);
  }

  public TemplateShiftAnalyser(double falseDiscoveryRate, double minRateRatio) {
    if (!(falseDiscoveryRate > 0 && falseDiscoveryRate < 1)) {
      throw new IllegalArgumentException("false discovery rate must be in (0, 1), got " + falseDiscoveryRate);
    }
    if (!(minRateRatio >= 1)) {
      throw new IllegalArgumentException("minimum rate ratio must be at least 1, got " + minRateRatio);
    }
    this.falseDiscoveryRate = falseDiscoveryRate;
    this.minRateRatio = minRateRatio;
  }

  /**
   * Returns the new and significantly increased templates, most significant first.
   *
   * @param counts one row per template (a template absent from both windows may be left out)
   * @param baseline the length of the baseline window
   * @param incident the length of the incident window
   */
  public List<TemplateShift> analyse(List<TemplateWindowCount> counts, Duration baseline, Duration incident) {
    if (counts == null) {
      throw new IllegalArgumentException("template counts are required");
    }
    if (baseline == null || baseline.isNegative() || baseline.isZero()) {
      throw new IllegalArgumentException("baseline window must be longer than zero, got " + baseline);
    }
    if (incident == null || incident.isNegative() || incident.isZero()) {
      throw new IllegalArgumentException("incident window must be longer than zero, got " + incident);
    }
    double baselineMinutes = baseline.toNanos() / 60e9;
    double incidentMinutes = incident.toNanos() / 60e9;
    double incidentShare = incidentMinutes / (baselineMinutes + incidentMinutes);

    List<Tested> tested = new ArrayList<>();
    for (TemplateWindowCount c : counts) {
      long n = c.baselineCount() + c.incidentCount();
      if (n == 0) {
        continue;
      }
      tested.add(new Tested(c, Binomial.upperTail(c.incidentCount(), n, incidentShare)));
    }
    double[] adjusted = benjaminiHochberg(tested);

    List<TemplateShift> shifts = new ArrayList<>();
    for (int i = 0; i < tested.size(); i++) {
      TemplateWindowCount c = tested.get(i).count();
      double baseRate = c.baselineCount() / baselineMinutes;
      double incRate = c.incidentCount() / incidentMinutes;
      double ratio = ((c.incidentCount() + 0.5) / incidentMinutes) / ((c.baselineCount() + 0.5) / baselineMinutes);
      boolean isNew = c.baselineCount() == 0;
      if (adjusted[i] > falseDiscoveryRate || (!isNew && ratio < minRateRatio)) {
        continue;
      }
      shifts.add(new TemplateShift(c.templateId(), c.template(),
          isNew ? TemplateShift.Kind.NEW : TemplateShift.Kind.INCREASED,
          c.baselineCount(), c.incidentCount(), baseRate, incRate, ratio, tested.get(i).p(), adjusted[i]));
    }
    shifts.sort(Comparator.comparingDouble(TemplateShift::adjustedPValue)
        .thenComparing(Comparator.comparingLong(TemplateShift::incidentCount).reversed())
        .thenComparingLong(TemplateShift::templateId));
    return List.copyOf(shifts);
  }

  private record Tested(TemplateWindowCount count, double p) {}

  /** Step-up adjusted p-values, in the order of {@code tested}. */
  private static double[] benjaminiHochberg(List<Tested> tested) {
    int m = tested.size();
    Integer[] order = new Integer[m];
    for (int i = 0; i < m; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> tested.get(i).p())
        .thenComparingLong(i -> tested.get(i).count().templateId()));
    double[] adjusted = new double[m];
    double running = 1.0;
    for (int rank = m; rank >= 1; rank--) {
      int i = order[rank - 1];
      running = Math.min(running, tested.get(i).p() * m / rank);
      adjusted[i] = Math.min(1.0, running);
    }
    return adjusted;
  }
}
