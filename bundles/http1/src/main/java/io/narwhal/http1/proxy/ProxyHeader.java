package io.narwhal.http1.proxy;

import java.net.InetSocketAddress;

/**
 * What a PROXY protocol header says about the connection it begins.
 *
 * @param kind whose connection this is
 * @param source the client's address, for {@link Kind#PROXIED} only
 * @param destination the address the client connected to, for {@link Kind#PROXIED} only
 */
public record ProxyHeader(Kind kind, InetSocketAddress source, InetSocketAddress destination) {
    public enum Kind {
        /** Relayed for the client at {@code source}. */
        PROXIED,
        /** Made by the proxy itself (v2 LOCAL: a health check): the proxy is the client. */
        LOCAL,
        /** Relayed for a client the proxy cannot name (v1 UNKNOWN, v2 UNSPEC or UNIX): the client is not known. */
        UNKNOWN
    }

    static final ProxyHeader LOCAL = new ProxyHeader(Kind.LOCAL, null, null);
    static final ProxyHeader UNKNOWN = new ProxyHeader(Kind.UNKNOWN, null, null);

    static ProxyHeader proxied(InetSocketAddress source, InetSocketAddress destination) {
        return new ProxyHeader(Kind.PROXIED, source, destination);
    }

    /** A header read off the front of the input, and how many bytes it took. */
    public record Parsed(ProxyHeader header, int length) {
    }
}
