package org.layerwise.cli;

import org.layerwise.Monitor;
import org.layerwise.report.Progress;

/** A {@link Monitor} that shows each task as a console progress bar ({@link Progress#console}): none when quiet or not on a terminal. */
record ConsoleMonitor(boolean quiet) implements Monitor {

    @Override
    public Task start(String name, long total) {
        Progress bar = Progress.console(name, total, quiet);
        return new Task() {
            @Override
            public void step(long n) {
                bar.stepBy(n);
            }

            @Override
            public void note(String text) {
                bar.message(text);
            }

            @Override
            public void close() {
                bar.close();
            }
        };
    }
}
