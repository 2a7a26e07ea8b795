package io.narwhal.http1;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.narwhal.api.codec.ConnectionOptions;
import io.narwhal.api.codec.RequestLimits;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided fuzzing of one connection with Jazzer: the input is every byte a client sends, then the peer
 * closes; {@link ConnectionOracle} must hold. A plain test run replays the seeds and the kept corpus in
 * src/test/resources/io/narwhal/http1/Http1CodecFuzzTestInputs; the fuzz profile fuzzes (docs/fuzzing.md).
 */
class Http1CodecFuzzTest {
    /** libFuzzer's default input size bound, unless a seed is longer. */
    private static final int MAX_SEED = 4096;
    /** Limits a short input can cross, so that 414 and 431 are in reach as well as the defaults' answers. */
    private static final ConnectionOptions TIGHT = new ConnectionOptions(true, new RequestLimits(64, 4, 48));
    /** Far above any one input's time (well under a millisecond), far below a stalled build's. */
    private static final HangGuard GUARD = new HangGuard(Duration.ofSeconds(10));
    private static final List<ConnectionOptions> OPTIONS = List.of(TestConnection.KEEP_ALIVE,
            TestConnection.NO_KEEP_ALIVE, TIGHT);

    /** The request tables of the other tests, valid and invalid, as the corpus to start from. */
    static Stream<byte[]> seeds() {
        // The longest (the limits' 20 kB lines) would raise libFuzzer's input size and slow every run down;
        // TIGHT reaches the limits within the usual 4 kB.
        return Stream.concat(ValidRequests.all().stream().map(ValidRequests.Case::raw),
                InvalidRequestTest.cases().stream().map(InvalidRequestTest.Case::raw))
                .map(TestConnection::bytes).filter(seed -> seed.length <= MAX_SEED);
    }

    @MethodSource("seeds")
    @FuzzTest(maxDuration = "60s")
    void oneConnection(byte[] input) throws Exception {
        // Drawn from the input itself: a replayed input gets the same options and reads.
        Random random = new Random(Arrays.hashCode(input));
        ConnectionOptions options = OPTIONS.get(random.nextInt(OPTIONS.size()));
        InputStream peer = peer(input, random);
        ConnectionOracle.Verdict verdict = GUARD.call(() -> ConnectionOracle.serve(input, peer, options, random));
        assertEquals(List.of(), verdict.violations(), () -> options + " input: " + escaped(input));
    }

    /** Half the time all at once, else in reads of 1 to 32 bytes, as a socket may hand them over. */
    private static InputStream peer(byte[] input, Random random) {
        if (random.nextBoolean()) {
            return ScriptedInputStream.whole(input);
        }
        List<byte[]> pieces = new ArrayList<>();
        for (int at = 0; at < input.length; ) {
            int end = Math.min(input.length, at + 1 + random.nextInt(32));
            pieces.add(Arrays.copyOfRange(input, at, end));
            at = end;
        }
        return ScriptedInputStream.pieces(false, pieces.toArray(byte[][]::new));
    }

    private static String escaped(byte[] input) {
        StringBuilder text = new StringBuilder();
        for (char c : new String(input, ISO_8859_1).toCharArray()) {
            text.append(c >= 0x20 && c < 0x7f && c != '\\' ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        }
        return text.toString();
    }
}
