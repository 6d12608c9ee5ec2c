/**
 * JMH benchmarks, run side by side so that ratios are meaningful on a shared machine
 * ({@link org.layerwise.bench.Ratios}); never run by {@code mvn verify}. {@code layerwise-bench/README.md} says what
 * each measures.
 */
package org.layerwise.bench;
