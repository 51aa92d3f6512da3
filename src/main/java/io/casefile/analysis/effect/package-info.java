/**
 * Measures what an action did to the symptom: the signal's error rate before and after the action
 * (with a binomial change point), and difference-in-differences against an unaffected control
 * cohort so that a recovery everyone saw is not credited to the action. Pure: no I/O, no clock.
 */
package io.casefile.analysis.effect;
