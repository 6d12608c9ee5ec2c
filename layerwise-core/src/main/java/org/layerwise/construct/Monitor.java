package org.layerwise.construct;

/**
 * Where a long computation reports its progress (a console bar in the CLI, nothing in tests). Tasks are
 * started one after another; {@link Task#step} may be called from several threads at once.
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

    /** Starts a task of {@code total} units. */
    Task start(String name, long total);

    /** One task in progress; close it when done. */
    interface Task extends AutoCloseable {

        /** {@code n} more units done; thread-safe. */
        void step(long n);

        @Override
        void close();
    }
}
