package io.narwhal.http1.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.narwhal.api.codec.IpNetwork;
import io.narwhal.api.codec.ProxyProtocol;
import io.narwhal.api.codec.ProxyTrust;
import io.narwhal.api.http.Headers;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What forwarding headers are believed to say, from allowed and other peers, spoofed, chained and malformed. */
class ForwardingResolverTest {
    private static final InetSocketAddress PROXY = new InetSocketAddress("127.0.0.1", 50000);
    private static final InetSocketAddress STRANGER = new InetSocketAddress("198.51.100.9", 40000);
    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 8000);
    private static final Map<String, String> GUNICORN_SECURE = gunicornSecureSchemeHeaders();

    /** forwarded_allow_ips 127.0.0.1 and ::1, as by default, and the internal network 10.0.0.0/8. */
    private static final ProxyTrust TRUST = trust(GUNICORN_SECURE, "127.0.0.1/32", "::1/128", "10.0.0.0/8");

    private static Map<String, String> gunicornSecureSchemeHeaders() {
        Map<String, String> secure = new LinkedHashMap<>();
        secure.put("X-FORWARDED-PROTOCOL", "ssl");
        secure.put("X-FORWARDED-PROTO", "https");
        secure.put("X-FORWARDED-SSL", "on");
        return secure;
    }

    static ProxyTrust trust(Map<String, String> secure, String... networks) {
        List<IpNetwork> allowed = java.util.Arrays.stream(networks).map(ForwardingResolverTest::network).toList();
        return new ProxyTrust(allowed, secure, ProxyProtocol.OFF, List.of());
    }

    static IpNetwork network(String cidr) {
        int slash = cidr.indexOf('/');
        return new IpNetwork(InetAddress.ofLiteral(cidr.substring(0, slash)), Integer.parseInt(cidr.substring(slash + 1)));
    }

    private static RequestOrigin resolve(ProxyTrust trust, InetSocketAddress peer, String... fields) throws Exception {
        Headers headers = new Headers().add("Host", "app.internal");
        for (int i = 0; i < fields.length; i += 2) {
            headers.add(fields[i], fields[i + 1]);
        }
        RequestOrigin connection = new RequestOrigin(peer, LOCAL, "http", null);
        return new ForwardingResolver(trust).resolve(connection, peer.getAddress(), headers);
    }

    private static RequestOrigin fromProxy(String... fields) throws Exception {
        return resolve(TRUST, PROXY, fields);
    }

    private static String refusal(String... fields) {
        return assertThrows(InvalidForwardingException.class, () -> fromProxy(fields)).getMessage();
    }

    private static InetSocketAddress at(String address, int port) {
        return new InetSocketAddress(InetAddress.ofLiteral(address), port);
    }

    @Test
    void fromAPeerNotAllowedEveryForwardingHeaderIsIgnored() throws Exception {
        RequestOrigin origin = resolve(TRUST, STRANGER, "X-Forwarded-For", "1.2.3.4", "X-Forwarded-Proto", "https",
                "X-Forwarded-Ssl", "on", "X-Forwarded-Host", "spoofed.example", "Forwarded", "for=1.2.3.4;proto=https");
        assertEquals(new RequestOrigin(STRANGER, LOCAL, "http", "app.internal"), origin);
    }

    @Test
    void fromAPeerNotAllowedEvenMalformedOrContradictoryHeadersAreJustHeaders() throws Exception {
        RequestOrigin origin = resolve(TRUST, STRANGER, "X-Forwarded-For", "not an address", "Forwarded", "for=[::1]",
                "X-Forwarded-Proto", "https", "X-Forwarded-Ssl", "off");
        assertEquals(STRANGER, origin.remoteAddress());
    }

    @Test
    void withoutForwardingHeadersTheAllowedPeerIsTheClient() throws Exception {
        assertEquals(new RequestOrigin(PROXY, LOCAL, "http", "app.internal"), fromProxy());
    }

    @Test
    void anAllowedProxyNamesTheClientWithPortZero() throws Exception {
        assertEquals(at("203.0.113.7", 0), fromProxy("X-Forwarded-For", "203.0.113.7").remoteAddress());
    }

    @Test
    void aSpoofedChainStopsAtTheNearestAddressThatIsNotAnAllowedProxy() throws Exception {
        // The client wrote "6.6.6.6, 10.0.0.5"; nginx appended the address it saw.
        assertEquals(at("203.0.113.7", 0),
                fromProxy("X-Forwarded-For", "6.6.6.6, 10.0.0.5, 203.0.113.7").remoteAddress());
        // Behind two allowed proxies (10.0.0.2, then the peer), the client is the one before them.
        assertEquals(at("203.0.113.7", 0),
                fromProxy("X-Forwarded-For", "6.6.6.6, 203.0.113.7, 10.0.0.2").remoteAddress());
    }

    @Test
    void aChainOfAllowedProxiesOnlyEndsAtItsFarthestEntry() throws Exception {
        assertEquals(at("10.0.0.3", 0), fromProxy("X-Forwarded-For", "10.0.0.3, 10.0.0.2").remoteAddress());
    }

    @Test
    void severalFieldLinesAreOneChainInTheirOrder() throws Exception {
        assertEquals(at("203.0.113.7", 0), fromProxy("X-Forwarded-For", "6.6.6.6, 203.0.113.7",
                "X-Forwarded-For", "10.0.0.2").remoteAddress());
        // The later line was added nearer: its entry is the one the walk meets first.
        assertEquals(at("198.51.100.1", 0), fromProxy("X-Forwarded-For", "203.0.113.7",
                "X-Forwarded-For", "198.51.100.1").remoteAddress());
    }

    @Test
    void xForwardedForEntriesMayBeIpv6OrCarryAPort() throws Exception {
        assertEquals(at("2001:db8::1", 0), fromProxy("X-Forwarded-For", "2001:db8::1").remoteAddress());
        assertEquals(at("2001:db8::1", 443), fromProxy("X-Forwarded-For", "[2001:db8::1]:443").remoteAddress());
        assertEquals(at("2001:db8::1", 0), fromProxy("X-Forwarded-For", "[2001:db8::1]").remoteAddress());
        assertEquals(at("203.0.113.7", 8080), fromProxy("X-Forwarded-For", "203.0.113.7:8080").remoteAddress());
    }

    @Test
    void anUnknownClientIsTheProxyThatSaidSo() throws Exception {
        assertEquals(PROXY, fromProxy("X-Forwarded-For", "unknown").remoteAddress());
        assertEquals(at("10.0.0.2", 0), fromProxy("X-Forwarded-For", "unknown, 10.0.0.2").remoteAddress());
        assertEquals(at("10.0.0.2", 0), fromProxy("X-Forwarded-For", "_hidden, 10.0.0.2").remoteAddress());
    }

    @Test
    void aMalformedEntryAnAllowedProxyVouchesForIsA400ButOneBeyondTheClientIsNotRead() throws Exception {
        assertEquals("X-Forwarded-For entry 'client.example' is not an IP address",
                refusal("X-Forwarded-For", "client.example"));
        assertEquals("X-Forwarded-For entry '010.0.0.1' is not an IP address",
                refusal("X-Forwarded-For", "010.0.0.1"));
        assertEquals(at("203.0.113.7", 0),
                fromProxy("X-Forwarded-For", "what ever, 203.0.113.7").remoteAddress());
    }

    @Test
    void forwardedNamesTheClientItsSchemeAndHost() throws Exception {
        assertEquals(new RequestOrigin(at("192.0.2.60", 0), LOCAL, "https", "example.com"),
                fromProxy("Forwarded", "for=192.0.2.60;proto=https;by=203.0.113.43;host=example.com"));
    }

    @Test
    void forwardedNamesIsCaseInsensitiveAndToleratesSpacesAroundPairs() throws Exception {
        assertEquals(new RequestOrigin(at("192.0.2.60", 0), LOCAL, "https", "example.com"),
                fromProxy("Forwarded", "For=192.0.2.60 ; PROTO=HTTPS ;Host=\"example.com\""));
    }

    @Test
    void forwardedIpv6IsQuotedInBracketsWithAnOptionalPort() throws Exception {
        assertEquals(at("::1", 80), fromProxy("Forwarded", "for=\"[::1]:80\"").remoteAddress());
        assertEquals(at("2001:db8:cafe::17", 4711), fromProxy("Forwarded", "for=\"[2001:db8:cafe::17]:4711\"")
                .remoteAddress());
        assertEquals(at("2001:db8:cafe::17", 0), fromProxy("Forwarded", "for=\"[2001:db8:cafe::17]\"").remoteAddress());
        assertEquals(at("198.51.100.17", 0), fromProxy("Forwarded", "for=\"198.51.100.17:_hidden\"").remoteAddress());
    }

    @Test
    void forwardedElementsAreWalkedLikeXForwardedForOverEveryLine() throws Exception {
        RequestOrigin origin = fromProxy("Forwarded", "for=6.6.6.6;proto=http",
                "Forwarded", "for=203.0.113.7;proto=https;host=shop.example, for=10.0.0.2;proto=http;host=lb.internal");
        assertEquals(new RequestOrigin(at("203.0.113.7", 0), LOCAL, "https", "shop.example"), origin);
    }

    @Test
    void anUnknownOrObfuscatedForwardedClientIsTheProxyThatSaidSo() throws Exception {
        assertEquals(PROXY, fromProxy("Forwarded", "for=unknown").remoteAddress());
        assertEquals(PROXY, fromProxy("Forwarded", "for=_gazonk;proto=https").remoteAddress());
        assertEquals(at("10.0.0.2", 8443), fromProxy("Forwarded", "for=_hidden, for=\"10.0.0.2:8443\"").remoteAddress());
        assertEquals(PROXY, fromProxy("Forwarded", "proto=https").remoteAddress(), "an element without for=");
        assertEquals("https", fromProxy("Forwarded", "proto=https").scheme());
    }

    @Test
    void forwardedWinsOverXForwardedForAndFallsBackToTheOtherHeadersForWhatItDoesNotSay() throws Exception {
        RequestOrigin origin = fromProxy("X-Forwarded-For", "198.51.100.1", "X-Forwarded-Proto", "https",
                "X-Forwarded-Host", "www.example", "Forwarded", "for=192.0.2.60");
        assertEquals(new RequestOrigin(at("192.0.2.60", 0), LOCAL, "https", "www.example"), origin);
    }

    @Test
    void forwardedElementsBeyondTheClientAreNotRead() throws Exception {
        assertEquals(at("203.0.113.7", 0), fromProxy("Forwarded", "for=garbage[;x, for=203.0.113.7").remoteAddress());
    }

    @Test
    void malformedForwardedFromAnAllowedProxyIsRefusedWithItsReason() {
        assertEquals("Forwarded for= '[::1]' is neither a token nor a quoted string (an IPv6 address or a port needs"
                + " quotes)", refusal("Forwarded", "for=[::1]"));
        assertEquals("Forwarded 'for=\"192.0.2.60' has an unterminated quoted string",
                refusal("Forwarded", "for=\"192.0.2.60"));
        assertEquals("Forwarded element 'for=192.0.2.60;for=192.0.2.61' gives for= twice",
                refusal("Forwarded", "for=192.0.2.60;for=192.0.2.61"));
        assertEquals("Forwarded pair 'secret' is not name=value", refusal("Forwarded", "for=192.0.2.60;secret"));
        assertEquals("Forwarded proto= 'ftp' is neither http nor https", refusal("Forwarded", "for=192.0.2.60;proto=ftp"));
        assertEquals("Forwarded host= 'a b' is not a host[:port]", refusal("Forwarded", "host=\"a b\""));
        assertEquals("Forwarded for= 'example.com' is not an address, unknown or an obfuscated _name",
                refusal("Forwarded", "for=example.com"));
        assertEquals("Forwarded for= '[::1]:99999' is not an address, unknown or an obfuscated _name",
                refusal("Forwarded", "for=\"[::1]:99999\""));
        assertEquals("Forwarded for= \"1.2.3.4\"x is not one quoted string", refusal("Forwarded", "for=\"1.2.3.4\"x"));
    }

    @Test
    void secureSchemeHeadersSayHttpsOnlyWithTheirValueInAnyCase() throws Exception {
        assertEquals("https", fromProxy("X-Forwarded-Proto", "https").scheme());
        assertEquals("https", fromProxy("x-forwarded-proto", "HTTPS").scheme());
        assertEquals("https", fromProxy("X-Forwarded-Ssl", "on").scheme());
        assertEquals("https", fromProxy("X-Forwarded-Protocol", "ssl").scheme());
        assertEquals("http", fromProxy("X-Forwarded-Proto", "http").scheme());
        assertEquals("http", fromProxy("X-Forwarded-Proto", "http", "X-Forwarded-Ssl", "off").scheme());
    }

    @Test
    void contradictorySecureSchemeHeadersAreRefused() {
        assertEquals("contradictory secure scheme headers: 'X-Forwarded-Ssl: off' says http, 'x-forwarded-proto:"
                + " https' says https", refusal("X-Forwarded-Ssl", "off", "x-forwarded-proto", "https"));
        assertEquals("contradictory secure scheme headers: 'X-Forwarded-Proto: https' says https, 'X-Forwarded-Proto:"
                + " http' says http", refusal("X-Forwarded-Proto", "https", "X-Forwarded-Proto", "http"));
    }

    @Test
    void onlyTheConfiguredSecureSchemeHeadersCount() throws Exception {
        ProxyTrust custom = trust(Map.of("X-Scheme", "https"), "127.0.0.1/32");
        assertEquals("http", resolve(custom, PROXY, "X-Forwarded-Proto", "https").scheme());
        assertEquals("https", resolve(custom, PROXY, "X-Scheme", "https").scheme());
        assertEquals("http", resolve(trust(Map.of(), "127.0.0.1/32"), PROXY, "X-Forwarded-Proto", "https").scheme());
    }

    @Test
    void theNearestXForwardedHostIsTheHostAndAMalformedOneIsRefused() throws Exception {
        assertEquals("www.example:8443", fromProxy("X-Forwarded-Host", "www.example:8443").host());
        assertEquals("b.example", fromProxy("X-Forwarded-Host", "a.example, b.example").host());
        assertEquals("[2001:db8::1]:443", fromProxy("X-Forwarded-Host", "[2001:db8::1]:443").host());
        assertEquals("X-Forwarded-Host 'a/b' is not a host[:port]", refusal("X-Forwarded-Host", "a/b"));
        assertEquals("X-Forwarded-Host '[::g]' is not a host[:port]", refusal("X-Forwarded-Host", "[::g]"));
        assertEquals("X-Forwarded-Host 'x:80a' is not a host[:port]", refusal("X-Forwarded-Host", "x:80a"));
    }

    @Test
    void wildcardTrustBelievesTheWholeChainToItsFarthestEntry() throws Exception {
        ProxyTrust everyone = trust(GUNICORN_SECURE, "0.0.0.0/0", "::/0");
        assertEquals(at("6.6.6.6", 0), resolve(everyone, STRANGER, "X-Forwarded-For", "6.6.6.6, 203.0.113.7")
                .remoteAddress());
    }

    @Test
    void noSpeakerBelievesNothing() throws Exception {
        RequestOrigin connection = new RequestOrigin(PROXY, LOCAL, "http", null);
        Headers headers = new Headers().add("X-Forwarded-For", "203.0.113.7").add("X-Forwarded-Proto", "https");
        assertEquals(new RequestOrigin(PROXY, LOCAL, "http", null),
                new ForwardingResolver(TRUST).resolve(connection, null, headers));
    }
}
