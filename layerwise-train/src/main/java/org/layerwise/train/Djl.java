package org.layerwise.train;

import ai.djl.engine.Engine;

/** Loads the DJL PyTorch engine offline (never downloading native libraries), once. */
final class Djl {

    private Djl() {
    }

    /** Sets {@code ai.djl.offline=true} (unless already set) and returns the engine. */
    static synchronized Engine engine() {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        return Engine.getInstance();
    }

    /** Seeds the engine's own generator (our own code draws everything from Java generators anyway). */
    static void seed(long seed) {
        engine().setRandomSeed((int) (seed ^ (seed >>> 32)));
    }
}
