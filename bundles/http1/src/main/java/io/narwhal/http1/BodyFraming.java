package io.narwhal.http1;

import io.narwhal.api.http.Headers;
import java.util.List;

/**
 * How a request body is delimited (RFC 9112 6.3). Every ambiguity is refused rather than guessed at: a
 * front proxy guessing differently is how requests get smuggled.
 */
record BodyFraming(Kind kind, long length) {
    enum Kind {
        NONE, LENGTH, CHUNKED
    }

    static final BodyFraming NONE = new BodyFraming(Kind.NONE, 0);
    static final BodyFraming CHUNKED = new BodyFraming(Kind.CHUNKED, -1);

    /** Long.MAX_VALUE has 19 digits: 18 can not overflow. */
    private static final int MAX_LENGTH_DIGITS = 18;

    static BodyFraming of(RequestLine line, Headers headers) {
        List<String> transferEncodings = headers.all("Transfer-Encoding");
        List<String> contentLengths = headers.all("Content-Length");
        if (!transferEncodings.isEmpty()) {
            if (!contentLengths.isEmpty()) {
                throw new BadRequestException("both Transfer-Encoding and Content-Length");
            }
            if (!line.isHttp11()) {
                // RFC 9112 6.1: in HTTP/1.0 the framing is then faulty, whatever it says.
                throw new BadRequestException("Transfer-Encoding in an HTTP/1.0 request");
            }
            requireChunkedOnly(transferEncodings);
            return CHUNKED;
        }
        if (!contentLengths.isEmpty()) {
            long length = contentLength(contentLengths);
            return length == 0 ? NONE : new BodyFraming(Kind.LENGTH, length);
        }
        return NONE;
    }

    /**
     * chunked must be the final coding (RFC 9112 6.3: else the body's end cannot be known, a 400), and there
     * once; any other coding before it is one the codec cannot decode (501).
     */
    private static void requireChunkedOnly(List<String> fieldValues) {
        int chunked = 0;
        String unsupported = null;
        String last = null;
        for (String fieldValue : fieldValues) {
            for (String element : fieldValue.split(",", -1)) {
                String coding = element.strip();
                if (coding.isEmpty()) {
                    continue; // RFC 9110 5.6.1: empty list elements are ignored
                }
                if (!isToken(coding)) {
                    throw new BadRequestException("malformed Transfer-Encoding");
                }
                if (coding.equalsIgnoreCase("chunked")) {
                    chunked++;
                } else if (unsupported == null) {
                    unsupported = coding;
                }
                last = coding;
            }
        }
        if (last == null) {
            throw new BadRequestException("empty Transfer-Encoding");
        }
        if (!last.equalsIgnoreCase("chunked")) {
            throw new BadRequestException("chunked is not the final transfer coding");
        }
        if (chunked > 1) {
            throw new BadRequestException("chunked applied more than once");
        }
        if (unsupported != null) {
            throw new NotImplementedException("Transfer-Encoding " + unsupported + " is not implemented");
        }
    }

    /** Digits only; repeated values (in several fields or a list) are accepted when all equal (RFC 9112 6.3). */
    private static long contentLength(List<String> fieldValues) {
        long length = -1;
        for (String fieldValue : fieldValues) {
            for (String element : fieldValue.split(",", -1)) {
                long value = parseDigits(element.strip());
                if (length >= 0 && value != length) {
                    throw new BadRequestException("differing Content-Length values");
                }
                length = value;
            }
        }
        return length;
    }

    private static long parseDigits(String text) {
        if (text.isEmpty() || text.length() > MAX_LENGTH_DIGITS) {
            throw new BadRequestException("invalid Content-Length");
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!CharClass.isDigit(c)) {
                throw new BadRequestException("invalid Content-Length");
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isToken(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (!CharClass.isToken(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
