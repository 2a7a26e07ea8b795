package io.narwhal.http1;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narwhal.api.app.HttpApp;
import io.narwhal.api.http.Headers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every valid request, mutated at random thousands of times (fixed seeds, so a failure replays): whatever the
 * bytes, the codec answers with a well-formed status line or nothing, ends the connection, never throws, and
 * never hands the app a method, target or field that carries a control character.
 */
class MutationFuzzTest {
    private static final int MUTANTS_PER_REQUEST = 2000;
    private static final byte[] INTERESTING = TestConnection.bytes("\r\n :;,\t\0\u007f\u00ff0-9aZ%/?#\"chunked");

    @Test
    void mutatedRequestsGetAnAnswerOrACloseButNeverReachTheAppMalformed() throws IOException {
        List<ValidRequests.Case> cases = ValidRequests.all();
        List<String> violations = new ArrayList<>();
        int served = 0;
        int rejected = 0;
        for (int c = 0; c < cases.size(); c++) {
            byte[] original = TestConnection.bytes(cases.get(c).raw());
            Random random = new Random(c * 7919L);
            for (int m = 0; m < MUTANTS_PER_REQUEST; m++) {
                byte[] mutant = mutate(original, random);
                String replay = cases.get(c).name() + " mutant " + m + ": " + new String(mutant, ISO_8859_1);
                TestConnection connection = new TestConnection(ScriptedInputStream.byteByByte(mutant),
                        TestConnection.KEEP_ALIVE).serveAll(strictApp(replay, violations));
                assertFalse(connection.results.getLast(), "the connection ends: " + replay);
                String out = connection.outputText();
                assertTrue(out.isEmpty() || out.matches("(?s)HTTP/1\\.1 [1-5]\\d\\d .*"), replay + "\n-> " + out);
                served += out.startsWith("HTTP/1.1 200") ? 1 : 0;
                rejected += out.matches("(?s)HTTP/1\\.1 (4|5)\\d\\d .*") ? 1 : 0;
            }
        }
        // Not vacuous: plenty of mutants still parse and reach the app, plenty are refused.
        assertTrue(served > 1000 && rejected > 1000, "served " + served + ", rejected " + rejected);
        assertEquals(List.of(), violations);
    }

    /**
     * An app that notes every malformed piece the codec let through (noted, not thrown: the codec would turn a
     * throw into a 500 and hide it), and reads the whole body.
     */
    private static HttpApp strictApp(String replay, List<String> violations) {
        return (request, response) -> {
            if (!request.method().chars().allMatch(Headers::isTokenChar)) {
                violations.add("method: " + replay);
            }
            if (!request.target().chars().allMatch(ch -> ch > 0x20 && ch < 0x7f)) {
                violations.add("target: " + replay);
            }
            request.headers().forEach((name, value) -> {
                if (!name.chars().allMatch(Headers::isTokenChar)
                        || value.chars().anyMatch(ch -> ch == '\r' || ch == '\n' || ch == 0)) {
                    violations.add("field " + name + ": " + replay);
                }
            });
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            request.body().transferTo(body);
            response.send("ok");
        };
    }

    private static byte[] mutate(byte[] original, Random random) {
        byte[] bytes = original.clone();
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits && bytes.length > 0; i++) {
            int at = random.nextInt(bytes.length);
            bytes = switch (random.nextInt(5)) {
                case 0 -> replaceAt(bytes, at, (byte) random.nextInt(256));
                case 1 -> replaceAt(bytes, at, INTERESTING[random.nextInt(INTERESTING.length)]);
                case 2 -> insertAt(bytes, at, INTERESTING[random.nextInt(INTERESTING.length)]);
                case 3 -> deleteRange(bytes, at, 1 + random.nextInt(Math.min(8, bytes.length - at)));
                default -> duplicateRange(bytes, at, 1 + random.nextInt(Math.min(16, bytes.length - at)));
            };
        }
        return bytes;
    }

    private static byte[] replaceAt(byte[] bytes, int at, byte value) {
        bytes[at] = value;
        return bytes;
    }

    private static byte[] insertAt(byte[] bytes, int at, byte value) {
        byte[] grown = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, grown, 0, at);
        grown[at] = value;
        System.arraycopy(bytes, at, grown, at + 1, bytes.length - at);
        return grown;
    }

    private static byte[] deleteRange(byte[] bytes, int at, int length) {
        byte[] shrunk = new byte[bytes.length - length];
        System.arraycopy(bytes, 0, shrunk, 0, at);
        System.arraycopy(bytes, at + length, shrunk, at, bytes.length - at - length);
        return shrunk;
    }

    private static byte[] duplicateRange(byte[] bytes, int at, int length) {
        byte[] grown = Arrays.copyOf(bytes, bytes.length + length);
        System.arraycopy(bytes, at, grown, at + length, bytes.length - at);
        return grown;
    }

    @Test
    void theMutatorReallyChangesRequests() {
        byte[] original = TestConnection.bytes(ValidRequests.all().getFirst().raw());
        Random random = new Random(1);
        int changed = 0;
        for (int i = 0; i < 100; i++) {
            if (!Arrays.equals(original, mutate(original, random))) {
                changed++;
            }
        }
        assertTrue(changed > 90, "mutants differing from the original: " + changed);
        assertEquals(TestConnection.bytes(ValidRequests.all().getFirst().raw()).length, original.length);
    }
}
