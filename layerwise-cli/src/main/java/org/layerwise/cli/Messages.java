package org.layerwise.cli;

import org.layerwise.LimitExceededException;

/**
 * Maps the library's messages (which name settings, never options) to what the command line prints: where the
 * remedy is an option, the option is named.
 */
final class Messages {

    private Messages() {
    }

    /**
     * The message of {@code e} for the command line: a {@link LimitExceededException} gets the options that lift
     * it ({@code "; lower --levels or raise --memory"}, or {@code "; lower --levels"}).
     *
     * @param e a library exception
     * @return its message with the remedy, or its message unchanged
     */
    static String of(Throwable e) {
        String m = e.getMessage();
        if (e instanceof LimitExceededException limit) {
            return m + (limit.memoryBound() ? "; lower --levels or raise --memory" : "; lower --levels");
        }
        return m;
    }
}
