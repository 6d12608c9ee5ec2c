package org.layerwise.grid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.layerwise.InvalidInputException;

class CellWalkTest {

    /** Every step equals the corner computed from the index digit by digit, through the wrap back to cell 0. */
    @Test
    void stepsAgreeWithTheCornerOfEveryIndex() {
        for (int d = 1; d <= 3; d++) {
            for (int n = 2; n <= 5; n++) {
                Cells cells = new Cells(d, n);
                for (int level = 0; cells.count(level) <= 20_000 && level <= 6; level++) {
                    long count = cells.count(level);
                    long start = count / 3;
                    CellWalk walk = new CellWalk(cells, level, start);
                    long[] expected = new long[d];
                    for (long s = 0; s <= count; s++) {
                        long k = (start + s) % count;
                        cells.corner(k, level, expected);
                        assertEquals(k, walk.index());
                        assertArrayEquals(expected, walk.corner(), "d=" + d + " N=" + n + " level " + level + " cell " + k);
                        assertEquals(k, cells.indexOfCorner(walk.corner(), level));
                        walk.next();
                    }
                }
            }
        }
    }

    /** The last cells of a deep level (large corner weights) step exactly. */
    @Test
    void deepLevelsStepExactly() {
        Cells cells = new Cells(2, 2);
        int level = 30;
        long count = cells.count(level);
        CellWalk walk = new CellWalk(cells, level, count - 1000);
        long[] expected = new long[2];
        for (int s = 0; s < 2000; s++) {
            cells.corner(walk.index(), level, expected);
            assertArrayEquals(expected, walk.corner());
            walk.next();
        }
        assertEquals(1000, walk.index());
    }

    @Test
    void refusesAStartOutsideTheLevel() {
        Cells cells = new Cells(2, 3);
        assertThrows(InvalidInputException.class, () -> new CellWalk(cells, 2, 81));
        assertThrows(InvalidInputException.class, () -> new CellWalk(cells, 2, -1));
    }
}
