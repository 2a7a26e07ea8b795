package io.narwhal.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TextTableTest {
    @Test
    void eachColumnIsAsWideAsItsWidestCellPlusTwoSpaces() {
        String table = new TextTable("ID", "NAME", "STATE")
                .row("1", "a-long-name", "serving")
                .row("1234", "b", "x")
                .toString();

        assertEquals("""
                ID    NAME         STATE
                1     a-long-name  serving
                1234  b            x
                """, table);
    }

    @Test
    void theLastColumnIsNotPaddedAndNoLineEndsInASpace() {
        String table = new TextTable("A", "LONGEST HEADING")
                .row("x", "")
                .row("longer", "y")
                .toString();

        assertEquals("A       LONGEST HEADING\nx\nlonger  y\n", table);
    }

    @Test
    void aHeadingAloneIsOneLine() {
        assertEquals("WORKER  PID\n", new TextTable("WORKER", "PID").toString());
    }

    @Test
    void aRowWithTooFewCellsIsRefused() {
        TextTable table = new TextTable("A", "B", "C");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> table.row("1", "2"));
        assertEquals("2 cells for 3 columns", e.getMessage());
    }

    @Test
    void aRowWithTooManyCellsIsRefusedAndLeavesTheTableAsItWas() {
        TextTable table = new TextTable("A").row("1");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> table.row("1", "2"));
        assertEquals("2 cells for 1 columns", e.getMessage());
        assertEquals("A\n1\n", table.toString());
    }
}
