package org.layerwise.net;

import java.util.Optional;

/** How a {@link Network}'s neurons are arranged; recorded in model files by {@link #id()}. */
public enum Layout {

    /** The construction's layout of width {@code 2N + d + 1}: positions in {@link NarrowLayout}. */
    NARROW("narrow");

    private final String id;

    Layout(String id) {
        this.id = id;
    }

    /**
     * @return the name written in model files and reports ({@code "narrow"})
     */
    public String id() {
        return id;
    }

    /**
     * The layout named {@code id}.
     *
     * @param id a name as returned by {@link #id()}; may be null
     * @return the layout, or empty when no layout has that name
     */
    public static Optional<Layout> byId(String id) {
        for (Layout l : values()) {
            if (l.id.equals(id)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    /** The same as {@link #id()}. */
    @Override
    public String toString() {
        return id;
    }
}
