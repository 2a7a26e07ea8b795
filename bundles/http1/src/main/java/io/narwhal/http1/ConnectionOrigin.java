package io.narwhal.http1;

import io.narwhal.api.codec.ProxyTrust;
import io.narwhal.api.codec.Transport;
import io.narwhal.api.http.Headers;
import io.narwhal.http1.proxy.ForwardingResolver;
import io.narwhal.http1.proxy.InvalidForwardingException;
import io.narwhal.http1.proxy.MalformedProxyHeaderException;
import io.narwhal.http1.proxy.ProxyHeader;
import io.narwhal.http1.proxy.ProxyHeaderParser;
import io.narwhal.http1.proxy.RequestOrigin;
import java.net.InetAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is behind one connection: its socket's peer; from a peer in proxy_allow_ips, the addresses the PROXY header
 * names; per request, the client, scheme and host that forwarding headers from an allowed peer name.
 */
final class ConnectionOrigin {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionOrigin.class);

    private final ProxyTrust trust;
    private final ForwardingResolver resolver;
    private RequestOrigin connection;
    /**
     * The address whose forwarding headers are judged: the socket's peer, or the client a PROXY header names (an L4
     * proxy passes HTTP through untouched, so its own address vouches for none of it); null when no one is known.
     */
    private InetAddress speaker;

    ConnectionOrigin(Transport transport, ProxyTrust trust) {
        this.trust = trust;
        this.resolver = new ForwardingResolver(trust);
        this.connection = new RequestOrigin(transport.remoteAddress(), transport.localAddress(),
                transport.scheme() == null ? "http" : transport.scheme(), null);
        this.speaker = transport.remoteAddress() == null ? null : transport.remoteAddress().getAddress();
    }

    /** How far the PROXY header is read. */
    enum ProxyHeaderState {
        READ, INCOMPLETE, REFUSED
    }

    /** Whether this connection must begin with a PROXY header: its peer is in proxy_allow_ips. */
    boolean expectsProxyHeader() {
        return speaker != null && trust.proxyHeaderFrom(speaker);
    }

    /**
     * Reads the PROXY header from what is buffered, without blocking. From any other peer there is none to read,
     * and its bytes are HTTP. A malformed header ends the connection, logged with why (so does a late or missing
     * one: the caller closes at the head deadline, or the peer's close, without an answer).
     */
    ProxyHeaderState readBufferedProxyHeader(InputBuffer input) {
        ProxyHeader.Parsed parsed;
        try {
            parsed = ProxyHeaderParser.parse(trust.proxyProtocol(), input.array(), input.position(), input.limit());
        } catch (MalformedProxyHeaderException malformed) {
            LOG.debug("Closing the connection from {}: {}", connection.remoteAddress(), malformed.getMessage());
            return ProxyHeaderState.REFUSED;
        }
        if (parsed == null) {
            return ProxyHeaderState.INCOMPLETE;
        }
        input.consume(parsed.length());
        apply(parsed.header());
        return ProxyHeaderState.READ;
    }

    private void apply(ProxyHeader header) {
        switch (header.kind()) {
            case PROXIED -> {
                connection = new RequestOrigin(header.source(), header.destination(), connection.scheme(), null);
                speaker = header.source().getAddress();
            }
            case UNKNOWN -> speaker = null;
            case LOCAL -> {
                // the proxy itself speaks: the socket's addresses are the truth
            }
        }
    }

    /** The request's origin, as its headers may say; malformed or contradictory ones from an allowed peer are a 400. */
    RequestOrigin of(Headers headers) {
        try {
            return resolver.resolve(connection, speaker, headers);
        } catch (InvalidForwardingException invalid) {
            throw new BadRequestException(invalid.getMessage());
        }
    }
}
