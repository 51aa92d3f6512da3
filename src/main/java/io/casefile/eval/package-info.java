/**
 * Evaluation harness: replays labelled cases (public benchmark datasets and the demo's scenarios)
 * through every registered analyser and prints one comparable report.
 */
package io.casefile.eval;
