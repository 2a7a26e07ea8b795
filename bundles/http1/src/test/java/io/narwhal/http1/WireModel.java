package io.narwhal.http1;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

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
            if (digits == 0 || !isChunkExtensions(sizeLine, digits)) {
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

    /** RFC 9112 5: field-name ":" OWS field-value OWS. */
    private static boolean isFieldLine(String line) {
        int nameEnd = tokenEnd(line, 0);
        return nameEnd > 0 && nameEnd < line.length() && line.charAt(nameEnd) == ':'
                && CheckingApp.isFieldValue(CheckingApp.stripOws(line.substring(line.indexOf(':') + 1)));
    }

    /**
     * After the chunk size, RFC 9112 7.1.1's chunk-ext: *( BWS ";" BWS name [ BWS "=" BWS ( token / quoted-string ) ] ),
     * and whitespace only before a ";" or after an extension ("5 \r\n" is no size line). Scanned by hand: a regular
     * expression for it recurses once per character of a quoted string and overflows the stack on a long one.
     */
    private static boolean isChunkExtensions(String line, int from) {
        int at = from;
        while (at < line.length()) {
            at = pastBlanks(line, at);
            if (at == line.length() || line.charAt(at) != ';') {
                return false;
            }
            int nameEnd = tokenEnd(line, pastBlanks(line, at + 1));
            if (nameEnd < 0) {
                return false;
            }
            at = pastBlanks(line, nameEnd);
            if (at < line.length() && line.charAt(at) == '=') {
                int valueStart = pastBlanks(line, at + 1);
                int valueEnd = valueStart < line.length() && line.charAt(valueStart) == '"'
                        ? quotedEnd(line, valueStart) : tokenEnd(line, valueStart);
                if (valueEnd < 0) {
                    return false;
                }
                at = pastBlanks(line, valueEnd);
            }
        }
        return true;
    }

    private static int pastBlanks(String line, int at) {
        while (at < line.length() && (line.charAt(at) == ' ' || line.charAt(at) == '\t')) {
            at++;
        }
        return at;
    }

    /** The end of the token starting at {@code at}, or -1 when none starts there. */
    private static int tokenEnd(String line, int at) {
        int end = at;
        while (end < line.length() && isTchar(line.charAt(end))) {
            end++;
        }
        return end > at ? end : -1;
    }

    private static boolean isTchar(char c) {
        return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    /** RFC 9110 5.6.4: the end of the quoted-string opening at {@code at}, or -1 when it is not one. */
    private static int quotedEnd(String line, int at) {
        for (int i = at + 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\') {
                i++;
                if (i == line.length() || !isQuotedPairChar(line.charAt(i))) {
                    return -1;
                }
            } else if (!isQdtext(c)) {
                return -1;
            }
        }
        return -1;
    }

    private static boolean isQdtext(char c) {
        return c == '\t' || c == ' ' || c == 0x21 || c >= 0x23 && c <= 0x5B || c >= 0x5D && c <= 0x7E
                || c >= 0x80 && c <= 0xFF;
    }

    private static boolean isQuotedPairChar(char c) {
        return c == '\t' || c >= 0x20 && c <= 0x7E || c >= 0x80 && c <= 0xFF;
    }

    private static int hexDigits(String line) {
        int n = 0;
        while (n < line.length() && Character.digit(line.charAt(n), 16) >= 0 && line.charAt(n) < 0x80) {
            n++;
        }
        return n;
    }
}
