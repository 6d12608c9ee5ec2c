package org.layerwise.train;

import ai.djl.engine.Engine;

/** Loads the DJL PyTorch engine offline (never downloading native libraries), once. */
final class Djl {

    private Djl() {
    }

    /**
     * Sets {@code ai.djl.offline=true} and one PyTorch intra-op and inter-op thread (each unless already set) and
     * returns the engine. One thread because with several, PyTorch's CPU kernels occasionally sum in another order
     * (measured: the same seed gave MGDL errors 7.08809e-3 and 7.08832e-3 in two runs of 'compare'); with one, runs
     * are bitwise equal, and on 2 shared cores also faster for these small networks.
     */
    static synchronized Engine engine() {
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("ai.djl.pytorch.num_threads", "1");
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
        return Engine.getInstance();
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /** Seeds the engine's own generator (our own code draws everything from Java generators anyway). */
    static void seed(long seed) {
        engine().setRandomSeed((int) (seed ^ (seed >>> 32)));
    }
}
