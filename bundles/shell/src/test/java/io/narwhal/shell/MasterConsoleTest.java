package io.narwhal.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.gogo.runtime.threadio.ThreadIOImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The console's loop on a real Gogo runtime, its terminal replaced by streams. */
class MasterConsoleTest {
    private final ThreadIOImpl threadIo = new ThreadIOImpl();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** Stands in for the narwhal commands: a stop of its own, to show the console's scope comes first. */
    public static final class Commands {
        public String stop() {
            return "narwhal stop";
        }

        public String fail() {
            throw new IllegalStateException("the server is stopping");
        }
    }

    public static final class OtherStop {
        public String stop() {
            return "felix stop";
        }
    }

    private void run(String input) {
        threadIo.start();
        CommandProcessorImpl processor = new CommandProcessorImpl(threadIo);
        processor.addCommand("felix", new OtherStop(), "stop");
        processor.addCommand("narwhal", new Commands(), "stop");
        processor.addCommand("narwhal", new Commands(), "fail");
        MasterConsole.run(processor, null, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stopThreadIo() {
        threadIo.stop();
    }

    @Test
    void runsEachLineWithNarwhalsCommandsFirst_andGoesOnAfterAFailure_untilExit() {
        run("stop\n\nfail\nstop\nexit\nstop\n");
        assertEquals("narwhal console: narwhal:* commands (help lists every command); exit or Ctrl-D to close it\n"
                + "narwhal> narwhal stop\nnarwhal> narwhal> narwhal> narwhal stop\nnarwhal> \n",
                out.toString(StandardCharsets.UTF_8));
        assertEquals("the server is stopping\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theEndOfInputClosesTheConsole() {
        run("stop\n");
        assertEquals("narwhal console: narwhal:* commands (help lists every command); exit or Ctrl-D to close it\n"
                + "narwhal> narwhal stop\nnarwhal> \n", out.toString(StandardCharsets.UTF_8));
    }
}
