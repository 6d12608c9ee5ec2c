package org.layerwise.train;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.layerwise.InvalidInputException;

/** Lists of seeds written as ranges: {@code "0-9"}, {@code "3"}, {@code "0,2,5-7"} (inclusive, in the given order). */
public final class Seeds {

    /** The most seeds one list may name. */
    public static final int MAX = 10_000;

    private Seeds() {
    }

    /**
     * The seeds named by {@code text}: comma-separated items, each a non-negative integer {@code s} or a range
     * {@code a-b} with {@code a <= b}; duplicates are kept once, first occurrence first.
     *
     * @throws InvalidInputException naming the item that is not a seed or a range, or when more than {@link #MAX}
     */
    public static long[] parse(String text) {
        Set<Long> seeds = new LinkedHashSet<>();
        for (String item : text.split(",", -1)) {
            String t = item.trim();
            int dash = t.indexOf('-', 1);
            long a;
            long b;
            try {
                if (dash > 0) {
                    a = Long.parseLong(t.substring(0, dash).trim());
                    b = Long.parseLong(t.substring(dash + 1).trim());
                } else {
                    a = Long.parseLong(t);
                    b = a;
                }
            } catch (NumberFormatException e) {
                throw new InvalidInputException("seeds: '" + t + "' is not a seed or a range a-b (e.g. 0-9)");
            }
            if (a < 0 || b < a) {
                throw new InvalidInputException("seeds: '" + t + "' must be a non-negative seed or a range a-b with a <= b");
            }
            if (b - a >= MAX) {
                throw new InvalidInputException("seeds: '" + t + "' names more than " + MAX + " seeds");
            }
            for (long s = a; s <= b; s++) {
                seeds.add(s);
                if (seeds.size() > MAX) {
                    throw new InvalidInputException("seeds: '" + text + "' names more than " + MAX + " seeds");
                }
            }
        }
        List<Long> list = new ArrayList<>(seeds);
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i);
        }
        return out;
    }
}
