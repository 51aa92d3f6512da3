/**
 * The demo shop: a simulated multi-service web shop that emits real OTLP/HTTP protobuf traces, logs
 * and metrics plus change events, with labelled incident scenarios and their ground truth. The
 * clock is simulated (timestamps are computed, never slept for), so the same seed and start give
 * byte-identical data. {@link io.casefile.demo.ShopSimulation} generates a scenario into a
 * {@link io.casefile.demo.ScenarioSink}; {@link io.casefile.demo.ScenarioFolder} writes and reads
 * the files of {@code casefile simulate}; {@link io.casefile.demo.ScenarioReplayer} sends them to a
 * running server the way real applications do.
 */
package io.casefile.demo;
