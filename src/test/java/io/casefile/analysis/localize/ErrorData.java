package io.casefile.analysis.localize;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Hand-built error counts per leaf, as the investigation produces them: real = errors in the
 * incident window, predicted = requests × baseline error rate. Errors are Poisson draws from a
 * fixed seed; leaves in the cohort fail at the cohort rate.
 */
final class ErrorData {
  static final List<String> ATTRIBUTES = List.of("region", "service.version", "payment_method", "device");
  static final List<List<String>> VALUES = List.of(
      List.of("eu-west", "eu-north", "us-east", "ap-south"),
      List.of("2.30.4", "2.31.0", "2.29.9"),
      List.of("card", "pix", "paypal", "sepa", "voucher"),
      List.of("ios", "android", "web", "desktop", "tv", "watch"));

  private ErrorData() {}

  /** 360 leaves; the cohort (possibly empty: no anomaly) fails at cohortRate, the rest at baselineRate. */
  static LocalizationProblem errors(long seed, Map<String, String> cohort, double baselineRate, double cohortRate) {
    Random random = new Random(seed);
    List<Leaf> leaves = new ArrayList<>();
    for (String r : VALUES.get(0)) {
      for (String v : VALUES.get(1)) {
        for (String p : VALUES.get(2)) {
          for (String d : VALUES.get(3)) {
            List<String> values = List.of(r, v, p, d);
            int requests = 20 + random.nextInt(800);
            boolean inCohort = !cohort.isEmpty() && matches(values, cohort);
            double rate = inCohort ? cohortRate : baselineRate;
            leaves.add(new Leaf(values, poisson(random, requests * rate), requests * baselineRate));
          }
        }
      }
    }
    return LocalizationProblem.additive(ATTRIBUTES, leaves);
  }

  static boolean matches(List<String> values, Map<String, String> cohort) {
    for (Map.Entry<String, String> e : cohort.entrySet()) {
      if (!values.get(ATTRIBUTES.indexOf(e.getKey())).equals(e.getValue())) return false;
    }
    return true;
  }

  static double poisson(Random random, double mean) {
    if (mean > 50) {
      return Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
    }
    double l = Math.exp(-mean);
    int k = 0;
    double p = 1;
    do {
      k++;
      p *= random.nextDouble();
    } while (p > l);
    return k - 1;
  }
}
