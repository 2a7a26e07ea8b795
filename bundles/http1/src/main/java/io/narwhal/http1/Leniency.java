package io.narwhal.http1;

import io.narwhal.api.codec.HttpCompliance;

/**
 * A rule of RFC 9112 / RFC 9110 that the lenient compliance mode relaxes, with what the strict mode answers
 * instead. None of them touches framing (Content-Length, Transfer-Encoding, chunk sizes, the CR of a CRLF):
 * where two parsers could disagree on where a request ends, there is no leniency.
 */
enum Leniency {
    /** RFC 9112 3.2: an HTTP/1.1 request must carry Host. */
    MISSING_HOST("an HTTP/1.1 request without Host", "missing Host"),
    /** RFC 9110 4.2.1: an http URI's host must not be empty. */
    EMPTY_HOST("an empty Host", "empty Host"),
    /** RFC 9112 2.2: a lone LF ending the request line or a field line, which a recipient may accept. */
    BARE_LF("a request line or field line ended by LF alone", "bare LF"),
    /** RFC 9112 5.2: a field value continued on a line starting with whitespace, joined with one space. */
    OBS_FOLD("a field value folded over lines (obs-fold), joined with a space", "obs-fold"),
    /**
     * RFC 9112 3.2 / RFC 3986 2: bytes a URI must percent-encode (obs-text, {@code " < > \ ^ ` { | }}) sent raw in
     * the request target; never a control, a space or '#'.
     */
    UNENCODED_TARGET("characters RFC 3986 requires encoded, sent raw in the request target",
            "invalid character in request target"),
    /** RFC 9112 7.1.1: a chunk extension is {@code ;name[=token|quoted-string]}; others are ignored when lenient. */
    CHUNK_EXTENSION("a chunk extension outside its grammar, ignored", "malformed chunk extension");

    private final String description;
    private final String strictReason;

    Leniency(String description, String strictReason) {
        this.description = description;
        this.strictReason = strictReason;
    }

    /** What the leniency tolerates, for the log and the docs. */
    String description() {
        return description;
    }

    /** The reason a mode that does not tolerate it gives in its 400. */
    String strictReason() {
        return strictReason;
    }

    boolean allowedIn(HttpCompliance mode) {
        return mode == HttpCompliance.LENIENT;
    }
}
