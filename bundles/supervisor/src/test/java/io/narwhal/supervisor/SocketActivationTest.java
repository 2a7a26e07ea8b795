package io.narwhal.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class SocketActivationTest {
    private static final long PID = 4242;

    private static OptionalInt passed(Map<String, String> environment) throws IOException {
        return SocketActivation.passedListener(environment, PID);
    }

    @Test
    void oneSocketForThisProcessIsFd3() throws IOException {
        assertEquals(OptionalInt.of(3), passed(Map.of("LISTEN_PID", "4242", "LISTEN_FDS", "1")));
        assertEquals(OptionalInt.of(3), passed(Map.of("LISTEN_PID", "4242", "LISTEN_FDS", "1",
                "LISTEN_FDNAMES", "narwhal.socket")));
    }

    @Test
    void noneWhenUnset_forAnotherProcess_orZero() throws IOException {
        assertEquals(OptionalInt.empty(), passed(Map.of()));
        assertEquals(OptionalInt.empty(), passed(Map.of("LISTEN_FDS", "1")));
        assertEquals(OptionalInt.empty(), passed(Map.of("LISTEN_PID", "4242")));
        assertEquals(OptionalInt.empty(), passed(Map.of("LISTEN_PID", "4243", "LISTEN_FDS", "1")));
        assertEquals(OptionalInt.empty(), passed(Map.of("LISTEN_PID", "4242", "LISTEN_FDS", "0")));
    }

    @Test
    void aValueThatIsNotANumberIsRefused() {
        for (Map<String, String> environment : List.of(Map.of("LISTEN_PID", "self", "LISTEN_FDS", "1"),
                Map.of("LISTEN_PID", "4242", "LISTEN_FDS", "one"), Map.of("LISTEN_PID", "4242", "LISTEN_FDS", "-1"),
                Map.of("LISTEN_PID", "", "LISTEN_FDS", "1"),
                Map.of("LISTEN_PID", "4242", "LISTEN_FDS", "99999999999999999999"))) {
            assertThrows(IOException.class, () -> passed(environment), environment::toString);
        }
        IOException e = assertThrows(IOException.class, () -> passed(Map.of("LISTEN_PID", "4242", "LISTEN_FDS", "x")));
        assertEquals("socket activation: LISTEN_FDS='x' is not a number", e.getMessage());
    }

    @Test
    void moreThanOneSocketIsRefused_namingThem() {
        IOException e = assertThrows(IOException.class, () -> passed(Map.of("LISTEN_PID", "4242", "LISTEN_FDS", "2",
                "LISTEN_FDNAMES", "http:admin")));
        assertEquals("socket activation passed 2 sockets (LISTEN_FDS=2, LISTEN_FDNAMES=http:admin); narwhal serves"
                + " one: give its .socket unit a single ListenStream=", e.getMessage());
    }
}
