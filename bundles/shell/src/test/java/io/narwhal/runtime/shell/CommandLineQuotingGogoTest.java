package io.narwhal.runtime.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.gogo.runtime.threadio.ThreadIOImpl;
import org.apache.felix.service.command.CommandSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * narwhal-shell's quoting (in the runtime, with no Gogo there) against the Gogo runtime the master parses with: each
 * word reaches the command as that one word. Here, in the shell bundle's tests, because Gogo is on this class path.
 */
class CommandLineQuotingGogoTest {
    private static ThreadIOImpl threadIo;
    private static CommandSession session;

    /** The command the lines are given to: answers the words it was called with. */
    public static final class Echo {
        public List<String> words(String first, String second) {
            return List.of(first, second);
        }
    }

    @BeforeAll
    static void gogo() {
        threadIo = new ThreadIOImpl();
        threadIo.start();
        CommandProcessorImpl processor = new CommandProcessorImpl(threadIo);
        processor.addCommand("test", new Echo(), "words");
        session = processor.createSession(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(),
                new ByteArrayOutputStream());
    }

    @AfterAll
    static void stop() {
        session.close();
        threadIo.stop();
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "my app.jar", "/srv/my apps/hello.jar", "$HOME", "${x}", "it's", "it's $5",
            "say \"hi\"", "it's \"quoted\" $x", "back\\slash", "it's a\\b", "semi;colon", "a|b", "{x}", "(x)", "#x",
            "star*", "tab\there", "new\nline", "~", "café", "%x", "a%b", "a=b", "x=", "=", "=x",
            "null", "true", "12", ",", "'", "''", "a'b'c", "'lead", "trail'", "it's $HOME %x \"x\" a\\b {y}",
            "--json"})
    void gogoSeesTheQuotedWordAsTheWord(String word) throws Exception {
        Object result = session.execute("test:words " + CommandLineQuoting.join(List.of(word, "end")));

        assertEquals(List.of(word, "end"), result);
    }

    @ParameterizedTest
    @ValueSource(strings = {""})
    void gogoSeesAnEmptyWordAsAnEmptyWord(String word) throws Exception {
        Object result = session.execute("test:words " + CommandLineQuoting.join(List.of(word, "end")));

        assertEquals(List.of(word, "end"), result);
    }
}
