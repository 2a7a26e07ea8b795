package io.narwhal.worker.gthread;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WaitingLineTest {
    private static PolledConnection connection() {
        return new PolledConnection(null, null);
    }

    private static List<PolledConnection> drained(WaitingLine line) {
        List<PolledConnection> order = new ArrayList<>();
        line.drain(order::add);
        return order;
    }

    @Test
    void connectionsLeaveInTheOrderTheyCameAndAnyCanLeaveFromTheMiddle() {
        WaitingLine line = new WaitingLine();
        PolledConnection a = connection();
        PolledConnection b = connection();
        PolledConnection c = connection();
        line.add(a);
        line.add(b);
        line.add(c);
        assertSame(a, line.first());
        line.remove(b);
        assertFalse(line.contains(b));
        assertNull(b.line);
        assertEquals(List.of(a, c), drained(line));
        assertTrue(line.isEmpty());
        assertNull(line.first());
        assertNull(a.line);
        assertNull(c.after);
    }

    @Test
    void joiningALineLeavesTheOneItWasInAndRejoiningTheSameGoesToTheEnd() {
        WaitingLine idle = new WaitingLine();
        WaitingLine reading = new WaitingLine();
        PolledConnection a = connection();
        PolledConnection b = connection();
        idle.add(a);
        idle.add(b);
        reading.add(a);
        assertTrue(reading.contains(a));
        assertFalse(idle.contains(a));
        assertSame(b, idle.first());
        reading.add(b);
        reading.add(a);
        assertTrue(idle.isEmpty());
        assertEquals(List.of(b, a), drained(reading));
    }

    @Test
    void removingWhatIsNotInTheLineChangesNothing() {
        WaitingLine idle = new WaitingLine();
        WaitingLine reading = new WaitingLine();
        PolledConnection a = connection();
        PolledConnection b = connection();
        idle.add(a);
        reading.add(b);
        idle.remove(b);
        reading.remove(a);
        idle.remove(connection());
        assertTrue(idle.contains(a));
        assertTrue(reading.contains(b));
        assertEquals(List.of(a), drained(idle));
        assertEquals(List.of(b), drained(reading));
    }

    /** Random adds and removes against a plain list that does the same: the order stays the arrival order. */
    @Test
    void randomJoinsAndLeavesKeepTheArrivalOrder() {
        Random random = new Random(13);
        WaitingLine line = new WaitingLine();
        List<PolledConnection> expected = new ArrayList<>();
        List<PolledConnection> pool = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            pool.add(connection());
        }
        for (int step = 0; step < 5_000; step++) {
            PolledConnection picked = pool.get(random.nextInt(pool.size()));
            if (random.nextBoolean()) {
                line.add(picked);
                expected.remove(picked);
                expected.add(picked);
            } else {
                line.remove(picked);
                expected.remove(picked);
            }
            assertEquals(expected.isEmpty() ? null : expected.getFirst(), line.first(), "step " + step);
        }
        assertEquals(expected, drained(line));
    }
}
