package io.narwhal.api.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CIDR matching at the edges of IPv4 and IPv6 networks. */
class IpNetworkTest {
    private static IpNetwork network(String address, int prefixLength) {
        return new IpNetwork(InetAddress.ofLiteral(address), prefixLength);
    }

    private static boolean contains(IpNetwork network, String address) {
        return network.contains(InetAddress.ofLiteral(address));
    }

    @Test
    void anIpv4NetworkEndsExactlyAtItsPrefix() {
        IpNetwork tenSlash8 = network("10.0.0.0", 8);
        assertTrue(contains(tenSlash8, "10.0.0.0"));
        assertTrue(contains(tenSlash8, "10.255.255.255"));
        assertFalse(contains(tenSlash8, "11.0.0.0"));
        assertFalse(contains(tenSlash8, "9.255.255.255"));
    }

    @Test
    void aPrefixThatIsNotAWholeByteSplitsTheByte() {
        IpNetwork slash23 = network("192.168.2.0", 23);
        assertTrue(contains(slash23, "192.168.2.0"));
        assertTrue(contains(slash23, "192.168.3.255"));
        assertFalse(contains(slash23, "192.168.4.0"));
        assertFalse(contains(slash23, "192.168.1.255"));
        IpNetwork slash1 = network("128.0.0.0", 1);
        assertTrue(contains(slash1, "255.255.255.255"));
        assertFalse(contains(slash1, "127.255.255.255"));
    }

    @Test
    void hostBitsInTheNetworkAddressDoNotCount() {
        assertTrue(contains(network("10.1.2.3", 8), "10.200.0.1"));
    }

    @Test
    void aFullLengthPrefixIsOneAddressAndAZeroOneIsTheWholeFamily() {
        IpNetwork one = IpNetwork.of(InetAddress.ofLiteral("127.0.0.1"));
        assertEquals(32, one.prefixLength());
        assertTrue(contains(one, "127.0.0.1"));
        assertFalse(contains(one, "127.0.0.2"));
        IpNetwork everyV4 = network("0.0.0.0", 0);
        assertTrue(contains(everyV4, "255.255.255.255"));
        assertFalse(contains(everyV4, "::1"), "an IPv6 address is not in an IPv4 network");
    }

    @Test
    void ipv6NetworksAtTheirEdges() {
        IpNetwork loopback = IpNetwork.of(InetAddress.ofLiteral("::1"));
        assertTrue(contains(loopback, "0:0:0:0:0:0:0:1"));
        assertFalse(contains(loopback, "::2"));
        IpNetwork slash64 = network("2001:db8:0:1::", 64);
        assertTrue(contains(slash64, "2001:db8:0:1:ffff:ffff:ffff:ffff"));
        assertFalse(contains(slash64, "2001:db8:0:2::"));
        IpNetwork slash127 = network("2001:db8::", 127);
        assertTrue(contains(slash127, "2001:db8::1"));
        assertFalse(contains(slash127, "2001:db8::2"));
        IpNetwork everyV6 = network("::", 0);
        assertTrue(contains(everyV6, "ffff::1"));
        assertFalse(contains(everyV6, "127.0.0.1"), "an IPv4 address is not in an IPv6 network");
    }

    @Test
    void anIpv4MappedIpv6AddressIsTheIpv4AddressItMaps() {
        // Java reads ::ffff:a.b.c.d as the IPv4 address, so a dual-stack socket's IPv4 peer matches IPv4 networks.
        assertTrue(contains(network("10.0.0.0", 8), "::ffff:10.1.2.3"));
    }

    @Test
    void aPrefixLongerThanTheAddressIsRefused() {
        assertEquals("prefix length 33 is not from 0 to 32",
                assertThrows(IllegalArgumentException.class, () -> network("10.0.0.0", 33)).getMessage());
        assertEquals("prefix length -1 is not from 0 to 128",
                assertThrows(IllegalArgumentException.class, () -> network("::", -1)).getMessage());
    }

    @Test
    void proxyTrustAsksItsNetworks() {
        ProxyTrust trust = new ProxyTrust(List.of(network("10.0.0.0", 8)), Map.of("X-Forwarded-Proto", "https"),
                ProxyProtocol.V1, List.of(IpNetwork.of(InetAddress.ofLiteral("127.0.0.1"))));
        assertTrue(trust.forwardedFrom(InetAddress.ofLiteral("10.9.8.7")));
        assertFalse(trust.forwardedFrom(InetAddress.ofLiteral("127.0.0.1")));
        assertTrue(trust.proxyHeaderFrom(InetAddress.ofLiteral("127.0.0.1")));
        assertFalse(trust.proxyHeaderFrom(InetAddress.ofLiteral("10.9.8.7")));
        ProxyTrust off = new ProxyTrust(List.of(), Map.of(), ProxyProtocol.OFF, List.of(network("0.0.0.0", 0)));
        assertFalse(off.proxyHeaderFrom(InetAddress.ofLiteral("127.0.0.1")), "proxy_protocol off reads no header");
        assertFalse(ProxyTrust.NONE.forwardedFrom(InetAddress.ofLiteral("127.0.0.1")));
    }

    @Test
    void aSecureSchemeHeaderMustBeATokenWithAValue() {
        assertThrows(IllegalArgumentException.class,
                () -> new ProxyTrust(List.of(), Map.of("X Proto", "https"), ProxyProtocol.OFF, List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new ProxyTrust(List.of(), Map.of("X-Proto", " "), ProxyProtocol.OFF, List.of()));
    }
}
