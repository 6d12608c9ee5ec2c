package org.layerwise.report;

/** Names of the readouts in figures: {@code Φ₃} for a network head, {@code A₃f} for a cell-mean approximation. */
final class Labels {

    private Labels() {
    }

    /** {@code Φ_l} with a subscript level when {@code network}, else {@code A_l f}. */
    static String readout(boolean network, int level) {
        return network ? "\u03a6" + subscript(level) : "A" + subscript(level) + "f";
    }

    /** The decimal digits of {@code n >= 0} as Unicode subscript digits. */
    static String subscript(int n) {
        String digits = Integer.toString(n);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            sb.append(c == '-' ? '\u208b' : (char) ('\u2080' + (c - '0')));
        }
        return sb.toString();
    }
}
