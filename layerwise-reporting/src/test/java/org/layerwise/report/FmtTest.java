package org.layerwise.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;

import org.junit.jupiter.api.Test;

class FmtTest {

    @Test
    void threeSignificantDigitsPlainInTheMiddleRange() {
        assertEquals("0", Fmt.num(0.0));
        assertEquals("0.5", Fmt.num(0.5));
        assertEquals("0.0123", Fmt.num(0.012345));
        assertEquals("1230", Fmt.num(1234.5));
        assertEquals("-2", Fmt.num(-2.0));
        assertEquals("0.001", Fmt.num(1e-3));
    }

    @Test
    void scientificOutsideWithShortExponent() {
        assertEquals("1.23e-7", Fmt.num(1.2345e-7));
        assertEquals("1e4", Fmt.num(1e4));
        assertEquals("1e-4", Fmt.num(9.9996e-5));
        assertEquals("-3.5e20", Fmt.num(-3.5e20));
        assertEquals("inf", Fmt.num(Double.POSITIVE_INFINITY));
        assertEquals("NaN", Fmt.num(Double.NaN));
    }

    @Test
    void independentOfTheDefaultLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertEquals("0.71", Fmt.ratio(0.7071));
            assertEquals("1.5e-9", Fmt.num(1.5e-9));
            assertEquals("1.23", Fmt.num(1.2345));
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void countsAreGroupedByThousands() {
        assertEquals("7", Fmt.count(7));
        assertEquals("1\u202F024", Fmt.count(1024));
        assertEquals("1\u202F048\u202F576", Fmt.count(1L << 20));
        assertEquals("-12\u202F345", Fmt.count(-12345));
    }
}
