package io.narwhal.http1;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A second reading of the bytes a client sent, written from RFC 9112 alone and sharing no code with the codec:
 * where each head ends and what its body is. Read along with the requests the codec handed the app, it shows a
 * request the codec made up, lost, or framed differently than the bytes say.
 */
final class WireModel {
    /** @param fieldLines as sent, without their CRLF */
    record Head(String requestLine, List<String> fieldLines) {
    }

    /** @param complete whether the body ended as its framing says, well-formed */
    record Body(byte[] data, boolean complete) {
        String text() {
            return new String(data, ISO_8859_1);
        }
    }

    private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
    private static final String QUOTED = "\"(?:[\\t \\x21\\x23-\\x5B\\x5D-\\x7E\\x80-\\xFF]|\\\\[\\t\\x20-\\x7E\\x80-\\xFF])*\"";
    /**
     * After the chunk size, RFC 9112 7.1.1's chunk-ext: *( BWS ";" BWS name [ BWS "=" BWS ( token / quoted-string ) ] ),
     * and whitespace only before a ";" or after an extension ("5 \r\n" is no size line).
     */
    private static final Pattern AFTER_CHUNK_SIZE = Pattern.compile(
            "(?:[ \\t]*;[ \\t]*" + TOKEN + "(?:[ \\t]*=[ \\t]*(?:" + TOKEN + "|" + QUOTED + "))?[ \\t]*)*");
    /** RFC 9112 5: field-name ":" OWS field-value OWS, the value's grammar checked apart. */
    private static final Pattern FIELD_LINE = Pattern.compile(TOKEN + ":.*", Pattern.DOTALL);
    /** Past this many hex digits (leading zeros aside) a chunk is longer than any fuzz input. */
    private static final int MAX_SIZE_DIGITS = 15;

    private final ByteCursor bytes;

    WireModel(byte[] bytes) {
        this.bytes = new ByteCursor(bytes);
    }

    /** The next head, past any empty lines before it; null when the bytes end before its empty line. */
    Head nextHead() {
        while (bytes.skip("\r\n")) {
            // RFC 9112 2.2: empty lines before a request line are ignored
        }
        String requestLine = bytes.line();
        List<String> fields = new ArrayList<>();
        for (String field = requestLine == null ? null : bytes.line(); field != null; field = bytes.line()) {
            if (field.isEmpty()) {
                return new Head(requestLine, fields);
            }
            fields.add(field);
        }
        return null;
    }

    /** A Content-Length body: up to that many bytes, fewer where the bytes end. */
    Body fixedBody(long length) {
        byte[] data = bytes.take(length);
        return new Body(data, data.length == length);
    }

    /** A chunked body, decoded as far as it is well-formed (RFC 9112 7.1). */
    Body chunkedBody() {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = bytes.line();
            int digits = sizeLine == null ? 0 : hexDigits(sizeLine);
            if (digits == 0 || !AFTER_CHUNK_SIZE.matcher(sizeLine.substring(digits)).matches()) {
                return new Body(data.toByteArray(), false);
            }
            String hex = sizeLine.substring(0, digits).replaceFirst("^0+(?=.)", "");
            if (hex.length() > MAX_SIZE_DIGITS) {
                return new Body(data.toByteArray(), false);
            }
            long size = Long.parseLong(hex, 16);
            if (size == 0) {
                return new Body(data.toByteArray(), trailersEnd());
            }
            Body chunk = fixedBody(size);
            data.writeBytes(chunk.data());
            if (!chunk.complete() || !bytes.skip("\r\n")) {
                return new Body(data.toByteArray(), false);
            }
        }
    }

    /** Trailer field lines, then the empty line that ends the body. */
    private boolean trailersEnd() {
        for (String field = bytes.line(); field != null; field = bytes.line()) {
            if (field.isEmpty()) {
                return true;
            }
            if (!isFieldLine(field)) {
                return false;
            }
        }
        return false;
    }

    private static boolean isFieldLine(String line) {
        return FIELD_LINE.matcher(line).matches()
                && CheckingApp.isFieldValue(CheckingApp.stripOws(line.substring(line.indexOf(':') + 1)));
    }

    private static int hexDigits(String line) {
        int n = 0;
        while (n < line.length() && Character.digit(line.charAt(n), 16) >= 0 && line.charAt(n) < 0x80) {
            n++;
        }
        return n;
    }
}
