package io.narwhal.api.codec;

/**
 * Which PROXY protocol header (HAProxy's, versions 1 and 2) a connection from an allowed proxy begins with,
 * as Gunicorn's {@code proxy_protocol} names them.
 */
public enum ProxyProtocol {
    /** No PROXY header is read: every connection is HTTP from its first byte. */
    OFF,
    /** The text line {@code PROXY TCP4 ...\r\n}. */
    V1,
    /** The binary header. */
    V2,
    /** Either, told apart by the first bytes. */
    AUTO;

    /** Whether this mode reads a header of this version (1 or 2). */
    public boolean accepts(int version) {
        return this == AUTO || this == V1 && version == 1 || this == V2 && version == 2;
    }
}
