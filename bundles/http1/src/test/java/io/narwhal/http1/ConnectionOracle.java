package io.narwhal.http1;

import io.narwhal.api.codec.ConnectionOptions;
import io.narwhal.http1.CheckingApp.Exchange;
import io.narwhal.http1.RecordingApp.Seen;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * What must hold for any bytes a client sends on one connection: every request the app gets is well-formed and
 * is what the bytes say, body included; every answer is a well-formed response, never a 500 (the app never
 * fails); a head the codec refuses is answered and ends the connection; a complete head is never dropped
 * unanswered; the connection ends (the peer's bytes do). An exception out of serveNext is left to propagate:
 * the in-memory peer never fails, so any is the codec's.
 */
final class ConnectionOracle {
    /** Each request is at least "A / HTTP/1.0" CRLF CRLF: more calls than that means serving from nothing. */
    private static final int SHORTEST_REQUEST = 16;

    /** @param statuses of every response, interim ones included, in order */
    record Verdict(List<String> violations, List<Integer> statuses) {
    }

    private final List<String> violations = new ArrayList<>();
    private final List<Integer> statuses = new ArrayList<>();

    private ConnectionOracle() {
    }

    /**
     * Serves these bytes, arriving from the peer as it sends them, and checks the whole exchange.
     *
     * @param bodyReads how much of each body the app reads (see CheckingApp); null: every body whole
     */
    static Verdict serve(byte[] bytes, InputStream peer, ConnectionOptions options, Random bodyReads)
            throws IOException {
        CheckingApp app = new CheckingApp(bodyReads);
        TestConnection connection = new TestConnection(peer, options)
                .serveAll(app, bytes.length / SHORTEST_REQUEST + 1);
        List<String> violations = new ArrayList<>(app.violations);
        if (connection.results.getLast()) {
            violations.add("serveNext still returns true after " + connection.results.size() + " calls");
        }
        Verdict verdict = judge(bytes, app.exchanges, connection.output());
        violations.addAll(verdict.violations());
        return new Verdict(List.copyOf(violations), verdict.statuses());
    }

    /** Checks what the app got and what went back against the bytes the client sent. */
    static Verdict judge(byte[] bytes, List<Exchange> exchanges, byte[] output) {
        ConnectionOracle oracle = new ConnectionOracle();
        oracle.check(new WireModel(bytes), exchanges, new ResponseReader(output));
        return new Verdict(List.copyOf(oracle.violations), List.copyOf(oracle.statuses));
    }

    private void check(WireModel wire, List<Exchange> exchanges, ResponseReader responses) {
        try {
            boolean closed = false;
            boolean mayEndQuietly = false;
            for (int i = 0; i < exchanges.size(); i++) {
                Exchange exchange = exchanges.get(i);
                expect(!closed, "a request served after a response that closed the connection");
                if (!matchesWire(exchange, wire)) {
                    return; // the rest of the bytes no longer line up with the requests
                }
                if (exchange.bodyFailed() && i < exchanges.size() - 1) {
                    violations.add("a request was served after a body that failed");
                }
                if (exchange.bodyFailed() && responses.atEnd()) {
                    return; // the body ended with the bytes: nobody is left to answer
                }
                RawResponse response = finalResponse(responses, exchange.seen().method().equals("HEAD"));
                expect(exchange.bodyFailed() ? response.status() >= 400 && response.status() < 500
                        : response.status() == 200, "status " + response.status() + " for " + exchange);
                closed = response.closes();
                // A body left unread may be too broken to drain: the connection may then end unannounced.
                mayEndQuietly = closed || !exchange.readToEnd();
            }
            if (!responses.atEnd()) {
                RawResponse refusal = finalResponse(responses, false);
                expect(!closed, "an answer after a response that closed the connection: " + refusal.statusLine());
                expect(refusal.status() >= 400 && refusal.closes(), "a refusal closes: " + refusal.statusLine());
                expect(responses.atEnd(), "nothing after a refusal: " + responses.rest());
            } else if (!mayEndQuietly) {
                expect(wire.nextHead() == null, "a complete head was neither served nor refused");
            }
        } catch (AssertionError | NumberFormatException malformed) {
            violations.add("malformed response: " + malformed.getMessage());
        }
    }

    /** The next final response, past interim ones (100 Continue); never a 500, as the app never fails. */
    private RawResponse finalResponse(ResponseReader responses, boolean toHead) {
        RawResponse response;
        do {
            response = responses.next(toHead);
            statuses.add(response.status());
        } while (response.status() < 200);
        expect(response.status() != 500, "500: " + response.bodyText());
        return response;
    }

    /** Whether the app saw exactly the next request in the bytes; notes how it did not. */
    private boolean matchesWire(Exchange exchange, WireModel wire) {
        Seen seen = exchange.seen();
        WireModel.Head head = wire.nextHead();
        if (head == null) {
            violations.add("the app got a request the bytes do not hold: " + seen);
            return false;
        }
        String line = seen.method() + " " + seen.target() + " " + seen.version();
        boolean matches = expect(line.equals(head.requestLine()), "request line " + head.requestLine() + " seen as "
                + line);
        matches &= expect(fields(head, seen).equals(withoutHostIfAbsolute(seen.fields(), seen)),
                "fields " + head.fieldLines() + " seen as " + seen.fields());
        WireModel.Body body = body(seen.fields(), wire);
        if (exchange.bodyFailed() || !exchange.readToEnd()) {
            return matches & expect(body.text().startsWith(seen.body()), (exchange.bodyFailed() ? "failed" : "unread")
                    + " body " + seen.body() + " is not a prefix of " + body.text());
        }
        return matches & expect(body.complete() && body.text().equals(seen.body()),
                "body " + seen.body() + " framed in the bytes as " + body);
    }

    /** As the codec must give them: name as sent, value without OWS; Host is the target's with an absolute-form. */
    private static List<String> fields(WireModel.Head head, Seen seen) {
        List<String> fields = new ArrayList<>();
        for (String line : head.fieldLines()) {
            int colon = line.indexOf(':');
            fields.add(colon < 0 ? line : line.substring(0, colon) + ": " + CheckingApp.stripOws(line.substring(colon + 1)));
        }
        return withoutHostIfAbsolute(fields, seen);
    }

    private static List<String> withoutHostIfAbsolute(List<String> fields, Seen seen) {
        boolean absolute = !seen.target().startsWith("/") && !seen.target().equals("*");
        return absolute ? fields.stream().filter(f -> !f.regionMatches(true, 0, "Host:", 0, 5)).toList() : fields;
    }

    /** The framing the fields announce (RFC 9112 6.3), read from the wire; the codec refuses anything else. */
    private WireModel.Body body(List<String> fields, WireModel wire) {
        String length = null;
        for (String field : fields) {
            if (field.regionMatches(true, 0, "Transfer-Encoding:", 0, 18)) {
                return wire.chunkedBody();
            }
            if (field.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = field.substring(15).split(",")[0].strip();
            }
        }
        if (length != null && !length.matches("\\d{1,18}")) {
            violations.add("the app got a request with Content-Length " + length);
            return new WireModel.Body(new byte[0], false);
        }
        return wire.fixedBody(length == null ? 0 : Long.parseLong(length));
    }

    private boolean expect(boolean condition, String violation) {
        if (!condition) {
            violations.add(violation);
        }
        return condition;
    }
}
