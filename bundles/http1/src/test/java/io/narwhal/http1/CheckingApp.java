package io.narwhal.http1;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import io.narwhal.api.app.HttpApp;
import io.narwhal.api.app.HttpRequest;
import io.narwhal.api.app.HttpResponse;
import io.narwhal.api.http.Headers;
import io.narwhal.http1.RecordingApp.Seen;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * An app for fuzzing: notes whatever of a request breaks RFC 9112's grammar (noted, not thrown: the codec would
 * turn a throw into a 500 and the reason would be lost), reads the body, keeping what arrived even when the body
 * fails, and answers 200 "ok". A body failure is passed on, so the codec answers it as it would for any app.
 * Some bodies it reads only in part or not at all, as apps do, which leaves the rest to the codec's drain.
 */
final class CheckingApp implements HttpApp {
    /**
     * @param bodyFailed whether reading the body threw; {@code seen.body()} then holds what came before
     * @param readToEnd whether the app read until the body's end
     */
    record Exchange(Seen seen, boolean bodyFailed, boolean readToEnd) {
    }

    final List<Exchange> exchanges = new ArrayList<>();
    final List<String> violations = new ArrayList<>();
    private final Random reads;

    /** @param reads picks how much of each body to read; null reads every body whole */
    CheckingApp(Random reads) {
        this.reads = reads;
    }

    @Override
    public void handle(HttpRequest request, HttpResponse response) throws Exception {
        checkGrammar(request);
        // Before the body is read: trailers must not be taken for what the head said.
        List<String> fields = new ArrayList<>();
        request.headers().forEach((name, value) -> fields.add(name + ": " + value));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        boolean failed = true;
        boolean toEnd = false;
        try {
            toEnd = read(request.body(), body, budget());
            failed = false;
        } finally {
            exchanges.add(new Exchange(new Seen(request.method(), request.target(), request.path(), request.query(),
                    request.version(), fields, body.toString(ISO_8859_1)), failed, toEnd));
        }
        response.send("ok");
    }

    /** How many body bytes to read: mostly all, else none or a few. */
    private int budget() {
        if (reads == null || reads.nextInt(4) > 0) {
            return Integer.MAX_VALUE;
        }
        return reads.nextBoolean() ? 0 : 1 + reads.nextInt(64);
    }

    private void checkGrammar(HttpRequest request) {
        if (request.method().isEmpty() || !request.method().chars().allMatch(Headers::isTokenChar)) {
            violations.add("method is not a token: " + request.method());
        }
        if (request.target().isEmpty() || !request.target().chars().allMatch(ch -> ch > 0x20 && ch < 0x7f)) {
            violations.add("target has a control, a space or a non-ASCII byte: " + request.target());
        }
        if (!request.version().equals("HTTP/1.1") && !request.version().equals("HTTP/1.0")) {
            violations.add("version: " + request.version());
        }
        request.headers().forEach((name, value) -> {
            if (name.isEmpty() || !name.chars().allMatch(Headers::isTokenChar)) {
                violations.add("field name is not a token: " + name);
            }
            if (!isFieldValue(value)) {
                violations.add("field " + name + " has a value outside RFC 9110 field-value: " + value);
            }
        });
    }

    /** RFC 9110 5.5: visible characters, obs-text, and SP or HTAB only between them. */
    static boolean isFieldValue(String value) {
        return value.equals(stripOws(value)) && value.chars().allMatch(ch -> ch == ' ' || ch == '\t' || ch > 0x20 && ch != 0x7f && ch <= 0xff);
    }

    /** OWS is SP and HTAB only: String.strip would also take other controls away and hide them. */
    static String stripOws(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && (text.charAt(start) == ' ' || text.charAt(start) == '\t')) {
            start++;
        }
        while (end > start && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t')) {
            end--;
        }
        return text.substring(start, end);
    }

    /**
     * Up to budget bytes, in small reads, so that what arrived before a failure is kept.
     *
     * @return whether the body ended within the budget
     */
    private boolean read(InputStream in, ByteArrayOutputStream to, int budget) throws IOException {
        byte[] buffer = new byte[512];
        while (to.size() < budget) {
            int n = in.read(buffer, 0, Math.min(buffer.length, budget - to.size()));
            if (n < 0) {
                if (in.read() != -1) {
                    violations.add("body readable past its end");
                }
                return true;
            }
            to.write(buffer, 0, n);
        }
        return false;
    }
}
