package org.layerwise;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Where a long computation reports its progress: the construction (cell means, network errors, measures), the
 * trainers of {@code layerwise-train} (epochs and grades), the report writer. The command line shows each task as
 * a console bar; tests and library users pass {@link #NONE} or {@link #lines}.
 *
 * <p>Tasks are started one after another; {@link Task#step} and {@link Task#note} may be called from several
 * threads at once. A monitor never changes what is computed, only what is shown.
 *
 * <pre>{@code
 * Monitor printing = Monitor.lines(System.err::println);   // notes as lines, steps not shown
 * try (Monitor.Task task = printing.start("work", 10)) {
 *     task.step(10);
 *     task.note("done");                                    // prints "done"
 * }
 * }</pre>
 */
public interface Monitor {

    /** Reports nowhere. */
    Monitor NONE = (name, total) -> new Task() {
        @Override
        public void step(long n) {
        }

        @Override
        public void close() {
        }
    };

    /**
     * Starts a task.
     *
     * @param name  what the task does, shown beside its bar (for example {@code "cell means (level 6)"})
     * @param total the number of units the task will report through {@link Task#step}
     * @return the task; close it when done
     */
    Task start(String name, long total);

    /**
     * A monitor that passes every {@link Task#note} to {@code sink} and shows no steps (for a log or a terminal
     * that prints progress lines instead of bars).
     *
     * @param sink receives each note, from whichever thread made it (calls are serialized)
     * @return the monitor
     * @throws NullPointerException if {@code sink} is null
     */
    static Monitor lines(Consumer<String> sink) {
        Objects.requireNonNull(sink, "sink");
        return (name, total) -> new Task() {
            @Override
            public void step(long n) {
            }

            @Override
            public void note(String text) {
                synchronized (sink) {
                    sink.accept(text);
                }
            }

            @Override
            public void close() {
            }
        };
    }

    /** One task in progress; close it when done. */
    interface Task extends AutoCloseable {

        /**
         * Reports more work done; thread-safe.
         *
         * @param n units done since the last call
         */
        void step(long n);

        /**
         * A short human-readable line about the task's state (for example {@code "grade 2 epoch 50/500"}); shown
         * beside a bar or printed as a line, ignored by default. Thread-safe.
         *
         * @param text the line, without a line break
         */
        default void note(String text) {
        }

        /** Ends the task; never throws. */
        @Override
        void close();
    }
}
