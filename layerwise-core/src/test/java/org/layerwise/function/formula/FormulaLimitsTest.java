package org.layerwise.function.formula;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.layerwise.InvalidInputException;

/** {@link FormulaLimits}: long or deeply nested formulas are refused before they can overflow the stack. */
class FormulaLimitsTest {

    private static String sum(int terms) {
        return "x" + "+x".repeat(terms - 1);
    }

    private static String nested(String f, int depth) {
        return (f + "(").repeat(depth) + "x" + ")".repeat(depth);
    }

    private static int depth(String text) {
        return FormulaLimits.depth(FormulaTarget.rpn(text, new String[] {"x"}));
    }

    @Test
    void depthIsTheHeightOfTheTree() {
        assertEquals(1, depth("x"));
        assertEquals(2, depth("x+1"));
        assertEquals(3, depth("sin(sin(x))"));
        assertEquals(10, depth(sum(10)), "a left-associated chain nests one level per term");
        assertEquals(3, depth("(x+x)+(x+x)"));
        assertEquals(3, depth("-x^2"), "-(x^2)");
        assertEquals(3, depth("max(x, x*x)"));
    }

    @Test
    void theDeepestAcceptedFormulaEvaluatesOnAHalfMegabyteStack() throws Exception {
        String text = sum(FormulaLimits.MAX_DEPTH);
        FormulaTarget f = FormulaTarget.parse(text, null);
        Throwable[] failure = {null};
        double[] value = {0};
        Thread t = new Thread(null, () -> {
            try {
                value[0] = f.value(new double[] {0.5});
            } catch (Throwable e) {
                failure[0] = e;
            }
        }, "small-stack", 512 * 1024);
        t.start();
        t.join();
        assertNull(failure[0]);
        assertEquals(FormulaLimits.MAX_DEPTH * 0.5, value[0], "a sum of halves is exact");
        // the same terms, bracketed in groups of 100, are shallow and accepted at ten times the length
        String grouped = ("(" + sum(100) + ")+").repeat(99) + "(" + sum(100) + ")";
        assertEquals(10_000 * 0.25, FormulaTarget.parse(grouped, null).value(new double[] {0.25}));
    }

    @Test
    void longerOrDeeperFormulasAreRefusedNamingTheLimit() {
        InvalidInputException sum = assertThrows(InvalidInputException.class,
                () -> FormulaTarget.parse(sum(10_000), null));
        assertEquals("formula 'x+x+x+x+x+x+x+x+x+x+x+x+x+x+x+x+x+x+x+x+x+x+x+x+x+x+x+x+x...' nests 10000 levels deep,"
                + " more than the 1000 accepted; group long sums and products in brackets, e.g. (a+b+...)+(c+d+...)",
                sum.getMessage());
        InvalidInputException sin = assertThrows(InvalidInputException.class,
                () -> FormulaTarget.parse(nested("sin", 15_000), null));
        assertTrue(sin.getMessage().contains("nests 15001 levels deep, more than the 1000 accepted"), sin.getMessage());
        InvalidInputException length = assertThrows(InvalidInputException.class,
                () -> FormulaTarget.parse("x+" + "0".repeat(FormulaLimits.MAX_LENGTH), null));
        assertEquals("formula of 100002 characters is longer than the 100000 accepted", length.getMessage());
        FormulaTarget.parse(nested("sin", FormulaLimits.MAX_DEPTH - 1), null);
    }
}
