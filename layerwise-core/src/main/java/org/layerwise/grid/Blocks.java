package org.layerwise.grid;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.layerwise.NonFiniteValueException;

/**
 * A parallel loop over blocks of cells that stops at a non-finite value: the failure reported is the one of the
 * lowest failing block, so it does not depend on the number of threads.
 */
public final class Blocks {

    /** The work of one block: returns its failure, or null when the block finished. */
    @FunctionalInterface
    public interface Body {
        NonFiniteValueException run(int block);
    }

    private Blocks() {
    }

    /**
     * Runs {@code body} for the blocks {@code 0..count-1} in parallel; once a block failed, blocks after it are
     * skipped (blocks before it still run).
     *
     * @throws NonFiniteValueException the failure of the lowest failing block
     */
    public static void run(int count, Body body) {
        AtomicInteger firstBad = new AtomicInteger(Integer.MAX_VALUE);
        NonFiniteValueException[] failures = new NonFiniteValueException[count];
        IntStream.range(0, count).parallel().forEach(b -> {
            if (b > firstBad.get()) {
                return; // a lower block already failed; its failure is the one reported
            }
            NonFiniteValueException e = body.run(b);
            if (e != null) {
                failures[b] = e;
                firstBad.accumulateAndGet(b, Math::min);
            }
        });
        int bad = firstBad.get();
        if (bad != Integer.MAX_VALUE) {
            throw failures[bad];
        }
    }
}
