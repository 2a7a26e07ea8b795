package io.narwhal.http1.proxy;

import io.narwhal.api.codec.ProxyProtocol;

/** Reads the PROXY header a connection from an allowed proxy must begin with: version 1 or 2, told apart by its first bytes. */
public final class ProxyHeaderParser {
    private ProxyHeaderParser() {
    }

    /**
     * Parses the header at the front of {@code bytes[from, to)}.
     *
     * @return the header and its length, or null while more bytes are needed to tell
     * @throws MalformedProxyHeaderException when the bytes are not a header this mode reads
     */
    public static ProxyHeader.Parsed parse(ProxyProtocol mode, byte[] bytes, int from, int to)
            throws MalformedProxyHeaderException {
        boolean v1 = startsLike(ProxyV1Parser.PREFIX, bytes, from, to);
        boolean v2 = startsLike(ProxyV2Parser.SIGNATURE, bytes, from, to);
        if (!v1 && !v2) {
            throw new MalformedProxyHeaderException("the connection does not begin with a PROXY protocol header ("
                    + expected(mode) + ")");
        }
        int version = v1 ? 1 : 2;
        int decisive = v1 ? ProxyV1Parser.PREFIX.length : ProxyV2Parser.SIGNATURE.length;
        if (to - from < decisive) {
            return null;
        }
        if (!mode.accepts(version)) {
            throw new MalformedProxyHeaderException("a PROXY v" + version + " header, but proxy_protocol is "
                    + mode.name().toLowerCase(java.util.Locale.ROOT));
        }
        return v1 ? ProxyV1Parser.parse(bytes, from, to) : ProxyV2Parser.parse(bytes, from, to);
    }

    private static String expected(ProxyProtocol mode) {
        return switch (mode) {
            case V1 -> "proxy_protocol v1 expects PROXY TCP4|TCP6|UNKNOWN ...";
            case V2 -> "proxy_protocol v2 expects its 12-byte signature";
            default -> "proxy_protocol auto expects a v1 line or a v2 signature";
        };
    }

    /** Whether what has arrived so far agrees with the start of this signature. */
    private static boolean startsLike(byte[] signature, byte[] bytes, int from, int to) {
        int n = Math.min(signature.length, to - from);
        for (int i = 0; i < n; i++) {
            if (bytes[from + i] != signature[i]) {
                return false;
            }
        }
        return true;
    }
}
