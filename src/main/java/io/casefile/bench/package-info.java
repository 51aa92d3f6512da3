/**
 * Whole-process benchmarks behind {@code casefile bench}: ingest throughput over real OTLP/HTTP
 * connections, investigation latency over a generated store, and the deterministic span generator
 * they (and the tests) feed. They use the product's public entry points only, so what they measure
 * is what a user runs.
 */
package io.casefile.bench;
