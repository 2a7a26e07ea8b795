package io.narwhal.http1.proxy;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.function.Function;

/**
 * PROXY protocol version 1: one line, {@code PROXY TCP4|TCP6 SOURCE DESTINATION SPORT DPORT\r\n} or
 * {@code PROXY UNKNOWN ...\r\n}, single spaces between the fields, at most 107 bytes with its CRLF.
 */
final class ProxyV1Parser {
    static final byte[] PREFIX = "PROXY ".getBytes(US_ASCII);
    static final int MAX_LENGTH = 107;

    private ProxyV1Parser() {
    }

    /** @return null while the line is incomplete */
    static ProxyHeader.Parsed parse(byte[] bytes, int from, int to) throws MalformedProxyHeaderException {
        int scanned = Math.min(to, from + MAX_LENGTH);
        for (int i = from; i < scanned; i++) {
            int b = bytes[i] & 0xFF;
            if (b == '\n') {
                if (i == from || bytes[i - 1] != '\r') {
                    throw new MalformedProxyHeaderException("PROXY v1 line ends in a bare LF, not CRLF");
                }
                return new ProxyHeader.Parsed(header(new String(bytes, from, i - 1 - from, US_ASCII)), i + 1 - from);
            }
            if (b != '\r' && (b < 0x20 || b > 0x7E)) {
                throw new MalformedProxyHeaderException("PROXY v1 line has a byte that is not printable ASCII (0x"
                        + Integer.toHexString(b) + ")");
            }
        }
        if (scanned - from == MAX_LENGTH) {
            throw new MalformedProxyHeaderException("PROXY v1 line has no CRLF within " + MAX_LENGTH + " bytes");
        }
        return null;
    }

    private static ProxyHeader header(String line) throws MalformedProxyHeaderException {
        if (line.indexOf('\r') >= 0) {
            throw new MalformedProxyHeaderException("PROXY v1 line has a CR before its end");
        }
        String[] fields = line.split(" ", -1);
        if (fields.length >= 2 && fields[1].equals("UNKNOWN")) {
            return ProxyHeader.UNKNOWN; // the rest of the line is the proxy's business, as the spec says
        }
        if (fields.length < 2 || !fields[1].equals("TCP4") && !fields[1].equals("TCP6")) {
            throw new MalformedProxyHeaderException("PROXY v1 protocol '" + (fields.length < 2 ? "" : fields[1])
                    + "' is not TCP4, TCP6 or UNKNOWN");
        }
        if (fields.length != 6) {
            throw new MalformedProxyHeaderException("PROXY v1 " + fields[1] + " line has " + fields.length
                    + " fields separated by single spaces, not 6");
        }
        boolean v4 = fields[1].equals("TCP4");
        Function<String, InetAddress> family = v4 ? IpLiterals::ipv4 : IpLiterals::ipv6;
        return ProxyHeader.proxied(address(fields[1], family, fields[2], fields[4]),
                address(fields[1], family, fields[3], fields[5]));
    }

    private static InetSocketAddress address(String protocol, Function<String, InetAddress> family, String host,
            String portText) throws MalformedProxyHeaderException {
        InetAddress address = family.apply(host);
        if (address == null) {
            throw new MalformedProxyHeaderException("PROXY v1 address '" + host + "' is not an "
                    + (protocol.equals("TCP4") ? "IPv4" : "IPv6") + " address (" + protocol + ")");
        }
        int port = IpLiterals.port(portText);
        if (port < 0) {
            throw new MalformedProxyHeaderException("PROXY v1 port '" + portText + "' is not a number from 0 to 65535");
        }
        return new InetSocketAddress(address, port);
    }
}
