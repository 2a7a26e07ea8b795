package io.narwhal.http1.proxy;

import io.narwhal.api.codec.ProxyTrust;
import io.narwhal.api.http.Headers;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides what a request's forwarding headers are believed to say. Only when the peer that sent them is in
 * forwarded_allow_ips; from any other peer they are plain headers and the connection's own addresses stand.
 * <ul>
 * <li>the client's address: RFC 7239 Forwarded {@code for=} when an allowed peer sends Forwarded, else
 * X-Forwarded-For, each walked from the nearest hop back past the allowed proxies ({@link HopChain});
 * <li>the scheme: the chosen Forwarded element's {@code proto=}, else secure_scheme_headers;
 * <li>the host: the chosen Forwarded element's {@code host=}, else the last X-Forwarded-Host, else Host.
 * </ul>
 */
public final class ForwardingResolver {
    private final ProxyTrust trust;

    public ForwardingResolver(ProxyTrust trust) {
        this.trust = trust;
    }

    /**
     * @param connection the connection's client, as its socket or PROXY header says (its host is not used)
     * @param speaker the address whose headers these are, or null when it is not known (nothing is believed)
     * @throws InvalidForwardingException when an allowed peer's forwarding headers are malformed or contradict
     *     each other
     */
    public RequestOrigin resolve(RequestOrigin connection, InetAddress speaker, Headers headers)
            throws InvalidForwardingException {
        String host = headers.first("Host");
        if (speaker == null || !trust.forwardedFrom(speaker)) {
            return new RequestOrigin(connection.remoteAddress(), connection.localAddress(), connection.scheme(), host);
        }
        String secureScheme = SecureSchemeHeaders.scheme(trust.secureSchemeHeaders(), headers);
        List<String> forwarded = ForwardedElement.split(headers.all("Forwarded"));
        InetSocketAddress remote;
        ForwardedElement chosen = null;
        if (forwarded.isEmpty()) {
            HopChain<Node> chain = new HopChain<>(listEntries(headers.all("X-Forwarded-For")), Node::ofXForwardedFor,
                    node -> node);
            remote = chain.clientAddress(chain.clientIndex(trust::forwardedFrom), connection.remoteAddress());
        } else {
            HopChain<ForwardedElement> chain = new HopChain<>(forwarded, ForwardedElement::parse,
                    ForwardedElement::forNode);
            int index = chain.clientIndex(trust::forwardedFrom);
            remote = chain.clientAddress(index, connection.remoteAddress());
            chosen = chain.entry(index);
        }
        String scheme = chosen != null && chosen.proto() != null ? chosen.proto()
                : secureScheme != null ? secureScheme : connection.scheme();
        String asked = chosen != null && chosen.host() != null ? chosen.host() : lastForwardedHost(headers);
        return new RequestOrigin(remote, connection.localAddress(), scheme, asked != null ? asked : host);
    }

    /** The nearest proxy's word: a chain of proxies appends, and what the first was told is anyone's to forge. */
    private static String lastForwardedHost(Headers headers) throws InvalidForwardingException {
        List<String> hosts = listEntries(headers.all("X-Forwarded-Host"));
        return hosts.isEmpty() ? null : HostSyntax.require(hosts.getLast(), "X-Forwarded-Host");
    }

    /** The entries of a comma-separated field over all its lines, in order; empty entries are skipped (RFC 9110 5.6.1). */
    private static List<String> listEntries(List<String> fieldValues) {
        List<String> entries = new ArrayList<>();
        for (String value : fieldValues) {
            for (String entry : value.split(",")) {
                if (!entry.isBlank()) {
                    entries.add(entry.strip());
                }
            }
        }
        return entries;
    }
}
