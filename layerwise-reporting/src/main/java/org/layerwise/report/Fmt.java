package org.layerwise.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/** Stable, locale-independent number formatting for the report (always {@link Locale#ROOT}). */
final class Fmt {

    private Fmt() {
    }

    /**
     * Three significant digits: plain notation for {@code 1e-3 <= |v| < 1e4} (e.g. {@code 0.0123}, {@code 1230}), otherwise {@code 1.23e-7};
     * {@code "0"}, {@code "inf"}, {@code "-inf"}, {@code "NaN"} as such.
     */
    static String num(double v) {
        if (v == 0) {
            return "0";
        }
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        double a = Math.abs(v);
        if (a >= 1e-3 && a < 1e4) {
            return new BigDecimal(v).round(new MathContext(3, RoundingMode.HALF_EVEN)).stripTrailingZeros()
                    .toPlainString();
        }
        String s = String.format(Locale.ROOT, "%.2e", v);
        int e = s.indexOf('e');
        String mantissa = trimZeros(s.substring(0, e));
        int exponent = Integer.parseInt(s.substring(e + 1));
        return mantissa + "e" + exponent;
    }

    /**
     * Four significant digits rounded in one direction, so a printed bound stays a bound: {@code up} rounds toward
     * {@code +inf} (for upper ends), otherwise toward {@code -inf}; notation as {@link #num}.
     *
     * @param v  the value
     * @param up the direction
     * @return the text; {@code "0"}, {@code "inf"}, {@code "NaN"} as {@link #num}
     */
    static String directed(double v, boolean up) {
        if (v == 0 || !Double.isFinite(v)) {
            return num(v);
        }
        BigDecimal d = new BigDecimal(v).round(new MathContext(4, up ? RoundingMode.CEILING : RoundingMode.FLOOR));
        double a = Math.abs(v);
        if (a >= 1e-3 && a < 1e4) {
            return d.stripTrailingZeros().toPlainString();
        }
        String s = d.stripTrailingZeros().toString().replace("E+", "e").replace("E", "e");
        return s.contains("e") ? s : d.toString();
    }

    /** Two decimals for ratios and constants, e.g. {@code 0.71}. */
    static String ratio(double v) {
        if (!Double.isFinite(v)) {
            return num(v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** An integer with thin grouping, e.g. {@code 1 048 576} (narrow no-break spaces). */
    static String count(long v) {
        String digits = Long.toString(Math.abs(v));
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && (digits.length() - i) % 3 == 0) {
                sb.append('\u202F');
            }
            sb.append(digits.charAt(i));
        }
        return (v < 0 ? "-" : "") + sb;
    }

    private static String trimZeros(String s) {
        if (s.indexOf('.') < 0) {
            return s;
        }
        int end = s.length();
        while (s.charAt(end - 1) == '0') {
            end--;
        }
        if (s.charAt(end - 1) == '.') {
            end--;
        }
        return s.substring(0, end);
    }
}
