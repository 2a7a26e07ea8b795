package io.narwhal.http1;

import io.narwhal.api.http.Headers;

/**
 * A request line and its header fields, checked as a whole: Host, body framing, and what the client asks
 * of the connection (RFC 9112 3.2, 6.3, 9.3; RFC 9110 10.1.1).
 *
 * @param keepAliveRequested whether the client wants the connection kept after this exchange
 * @param expectsContinue whether the client waits for {@code 100 Continue} before sending the body
 */
record RequestHead(RequestLine line, Headers headers, BodyFraming framing, boolean keepAliveRequested,
        boolean expectsContinue) {

    static RequestHead of(RequestLine line, Headers headers, Compliance compliance) {
        requireHost(line, headers, compliance);
        useTargetAuthority(line, headers);
        if (headers.count("Content-Type") > 1) {
            // Two media types for one body: which one a server or an app behind it believes is anyone's guess.
            throw new BadRequestException("more than one Content-Type");
        }
        BodyFraming framing = BodyFraming.of(line, headers);
        boolean close = headers.containsToken("Connection", "close");
        boolean keepAlive = line.isHttp11() ? !close : !close && headers.containsToken("Connection", "keep-alive");
        boolean expectsContinue = line.isHttp11() && framing.kind() != BodyFraming.Kind.NONE
                && headers.containsToken("Expect", "100-continue");
        return new RequestHead(line, headers, framing, keepAlive, expectsContinue);
    }

    boolean isHead() {
        return line.method().equals("HEAD");
    }

    /**
     * RFC 9112 3.2.2: with an absolute-form target the target's authority is the host, whatever Host says; the
     * field is set to it, so the router and the app see the one host the request is for.
     */
    private static void useTargetAuthority(RequestLine line, Headers headers) {
        String authority = line.absoluteFormAuthority();
        if (authority == null) {
            return;
        }
        if (authority.isEmpty()) {
            throw new BadRequestException("empty authority in the request target");
        }
        if (authority.indexOf('@') >= 0) {
            // RFC 9110 4.2.4: userinfo in an http(s) URI is to be treated as an error.
            throw new BadRequestException("userinfo in the request target");
        }
        if (!Authority.isValid(authority, false)) {
            throw new BadRequestException("invalid authority in the request target");
        }
        headers.set("Host", authority);
    }

    /** HTTP/1.1 needs exactly one Host (RFC 9112 3.2); no version may send two; an http host is never empty. */
    private static void requireHost(RequestLine line, Headers headers, Compliance compliance) {
        int hosts = headers.count("Host");
        if (hosts > 1) {
            throw new BadRequestException("more than one Host");
        }
        if (hosts == 0) {
            if (line.isHttp11()) {
                compliance.tolerate(Leniency.MISSING_HOST);
            }
            return;
        }
        String host = headers.first("Host");
        if (host.isEmpty()) {
            compliance.tolerate(Leniency.EMPTY_HOST);
        } else if (!Authority.isValid(host, false)) {
            throw new BadRequestException("invalid Host");
        }
    }
}
