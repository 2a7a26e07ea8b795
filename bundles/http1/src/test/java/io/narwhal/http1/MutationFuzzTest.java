package io.narwhal.http1;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every valid request, mutated at random thousands of times (fixed seeds, so a failure replays), each byte in a
 * read of its own: whatever the bytes, {@link ConnectionOracle} holds. Http1CodecFuzzTest explores further, guided
 * by coverage; this one needs no fuzzer and pins a known spread of near-valid requests.
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
                ConnectionOracle.Verdict verdict = ConnectionOracle.serve(mutant, ScriptedInputStream.byteByByte(mutant),
                        TestConnection.KEEP_ALIVE, random);
                if (!verdict.violations().isEmpty()) {
                    violations.add(cases.get(c).name() + " mutant " + m + ": " + new String(mutant, ISO_8859_1)
                            + "\n-> " + verdict.violations());
                }
                served += verdict.statuses().contains(200) ? 1 : 0;
                rejected += verdict.statuses().stream().anyMatch(status -> status >= 400) ? 1 : 0;
            }
        }
        // Not vacuous: plenty of mutants still parse and reach the app, plenty are refused.
        assertTrue(served > 1000 && rejected > 1000, "served " + served + ", rejected " + rejected);
        assertEquals(List.of(), violations);
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
