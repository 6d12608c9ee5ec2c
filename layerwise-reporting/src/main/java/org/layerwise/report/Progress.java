package org.layerwise.report;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a long task: a console progress bar on stderr when a person is watching (there is a
 * console and the user did not ask for {@code --quiet}), otherwise nothing at all, so tests, pipes and
 * redirected output stay clean. Use with try-with-resources.
 */
public interface Progress extends AutoCloseable {

    /** A progress that shows nothing. */
    Progress SILENT = new Progress() {
        @Override
        public void stepBy(long n) {
        }

        @Override
        public void message(String text) {
        }

        @Override
        public void close() {
        }
    };

    /** Records {@code n} more units of work done. */
    void stepBy(long n);

    /** Shows a short message beside the bar (for example the current level). */
    void message(String text);

    /** Ends the bar; never throws. */
    @Override
    void close();

    /**
     * A console bar for {@code total} units named {@code task} when {@code System.console() != null} and
     * {@code !quiet}; {@link #SILENT} otherwise.
     */
    static Progress console(String task, long total, boolean quiet) {
        if (quiet || System.console() == null) {
            return SILENT;
        }
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .setUpdateIntervalMillis(200)
                .build();
        return new Progress() {
            @Override
            public void stepBy(long n) {
                bar.stepBy(n);
            }

            @Override
            public void message(String text) {
                bar.setExtraMessage(text);
            }

            @Override
            public void close() {
                bar.close();
            }
        };
    }
}
