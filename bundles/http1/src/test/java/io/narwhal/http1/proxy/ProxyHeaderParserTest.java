package io.narwhal.http1.proxy;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.narwhal.api.codec.ProxyProtocol;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** PROXY protocol v1 and v2 headers, valid and not, each refusal with its reason. */
class ProxyHeaderParserTest {
    private static ProxyHeader.Parsed parse(ProxyProtocol mode, byte[] bytes) throws MalformedProxyHeaderException {
        return ProxyHeaderParser.parse(mode, bytes, 0, bytes.length);
    }

    private static ProxyHeader.Parsed parse(String text) throws MalformedProxyHeaderException {
        return parse(ProxyProtocol.AUTO, text.getBytes(ISO_8859_1));
    }

    private static String refusal(ProxyProtocol mode, byte[] bytes) {
        return assertThrows(MalformedProxyHeaderException.class, () -> parse(mode, bytes)).getMessage();
    }

    private static String refusal(String text) {
        return refusal(ProxyProtocol.AUTO, text.getBytes(ISO_8859_1));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    @Test
    void aV1Tcp4LineNamesBothEndsAndStopsAtItsCrlf() throws Exception {
        String line = "PROXY TCP4 203.0.113.7 192.0.2.1 56324 443\r\n";
        ProxyHeader.Parsed parsed = parse(line + "GET / HTTP/1.1\r\n");
        assertEquals(ProxyHeader.proxied(new InetSocketAddress("203.0.113.7", 56324),
                new InetSocketAddress("192.0.2.1", 443)), parsed.header());
        assertEquals(line.length(), parsed.length());
    }

    @Test
    void aV1Tcp6Line() throws Exception {
        ProxyHeader header = parse("PROXY TCP6 2001:db8::7 2001:db8::1 65535 0\r\n").header();
        assertEquals(new InetSocketAddress("2001:db8::7", 65535), header.source());
        assertEquals(new InetSocketAddress("2001:db8::1", 0), header.destination());
    }

    @Test
    void aV1UnknownLineNamesNoOneWhateverFollowsOnIt() throws Exception {
        assertEquals(ProxyHeader.UNKNOWN, parse("PROXY UNKNOWN\r\n").header());
        assertEquals(ProxyHeader.UNKNOWN, parse("PROXY UNKNOWN ffff::1 whatever 1 2\r\n").header());
    }

    @Test
    void aV1LineOf107BytesIsReadAndOneOf108IsNot() throws Exception {
        String fill = "x".repeat(107 - "PROXY UNKNOWN \r\n".length());
        assertEquals(107, parse("PROXY UNKNOWN " + fill + "\r\n").length());
        assertEquals("PROXY v1 line has no CRLF within 107 bytes", refusal("PROXY UNKNOWN " + fill + "x\r\n"));
    }

    @Test
    void anIncompleteV1LineAsksForMoreAtEveryLength() throws Exception {
        byte[] line = "PROXY TCP4 203.0.113.7 192.0.2.1 56324 443\r\n".getBytes(ISO_8859_1);
        for (int n = 0; n < line.length; n++) {
            assertNull(ProxyHeaderParser.parse(ProxyProtocol.V1, line, 0, n), "after " + n + " bytes");
        }
        assertEquals(line.length, ProxyHeaderParser.parse(ProxyProtocol.V1, line, 0, line.length).length());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "PROXY TCP4 1.2.3.4 5.6.7.8 1 2\\n | PROXY v1 line ends in a bare LF, not CRLF",
        "PROXY TCP4 1.2.3.4\\r5.6.7.8 1 2\\r\\n | PROXY v1 line has a CR before its end",
        "PROXY TCP5 1.2.3.4 5.6.7.8 1 2\\r\\n | PROXY v1 protocol 'TCP5' is not TCP4, TCP6 or UNKNOWN",
        "PROXY tcp4 1.2.3.4 5.6.7.8 1 2\\r\\n | PROXY v1 protocol 'tcp4' is not TCP4, TCP6 or UNKNOWN",
        "PROXY \\r\\n | PROXY v1 protocol '' is not TCP4, TCP6 or UNKNOWN",
        "PROXY TCP4 1.2.3.4 5.6.7.8 1\\r\\n | PROXY v1 TCP4 line has 5 fields separated by single spaces, not 6",
        "PROXY TCP4 1.2.3.4  5.6.7.8 1 2\\r\\n | PROXY v1 TCP4 line has 7 fields separated by single spaces, not 6",
        "PROXY TCP4 1.2.3.4 5.6.7.8 1 2 \\r\\n | PROXY v1 TCP4 line has 7 fields separated by single spaces, not 6",
        "PROXY TCP4 ::1 5.6.7.8 1 2\\r\\n | PROXY v1 address '::1' is not an IPv4 address (TCP4)",
        "PROXY TCP6 1.2.3.4 ::1 1 2\\r\\n | PROXY v1 address '1.2.3.4' is not an IPv6 address (TCP6)",
        "PROXY TCP4 1.2.3.04 5.6.7.8 1 2\\r\\n | PROXY v1 address '1.2.3.04' is not an IPv4 address (TCP4)",
        "PROXY TCP4 1.2.3 5.6.7.8 1 2\\r\\n | PROXY v1 address '1.2.3' is not an IPv4 address (TCP4)",
        "PROXY TCP4 1.2.3.4 5.6.7.256 1 2\\r\\n | PROXY v1 address '5.6.7.256' is not an IPv4 address (TCP4)",
        "PROXY TCP4 localhost 5.6.7.8 1 2\\r\\n | PROXY v1 address 'localhost' is not an IPv4 address (TCP4)",
        "PROXY TCP6 [::1] ::2 1 2\\r\\n | PROXY v1 address '[::1]' is not an IPv6 address (TCP6)",
        "PROXY TCP4 1.2.3.4 5.6.7.8 65536 2\\r\\n | PROXY v1 port '65536' is not a number from 0 to 65535",
        "PROXY TCP4 1.2.3.4 5.6.7.8 1 08\\r\\n | PROXY v1 port '08' is not a number from 0 to 65535",
        "PROXY TCP4 1.2.3.4 5.6.7.8 -1 2\\r\\n | PROXY v1 port '-1' is not a number from 0 to 65535",
    })
    void malformedV1LinesAreRefusedWithTheirReason(String line, String reason) {
        assertEquals(reason, refusal(line.replace("\\r", "\r").replace("\\n", "\n")));
    }

    @Test
    void aV1LineWithAByteThatIsNotPrintableIsRefused() {
        assertEquals("PROXY v1 line has a byte that is not printable ASCII (0x0)", refusal("PROXY TCP4 1.2.3.4\0"));
        assertEquals("PROXY v1 line has a byte that is not printable ASCII (0xe9)", refusal("PROXY TCP4 caf\u00e9"));
    }

    @Test
    void aV2Tcp4HeaderNamesBothEndsAndSkipsItsTlvs() throws Exception {
        byte[] header = ProxyV2Bytes.tcp("203.0.113.7", 56324, "192.0.2.1", 443)
                .tlv(0x01, "h2".getBytes(ISO_8859_1)).tlv(0x05, new byte[] {1, 2, 3, 4}).bytes();
        ProxyHeader.Parsed parsed = parse(ProxyProtocol.V2, concat(header, "GET /".getBytes(ISO_8859_1)));
        assertEquals(ProxyHeader.proxied(new InetSocketAddress("203.0.113.7", 56324),
                new InetSocketAddress("192.0.2.1", 443)), parsed.header());
        assertEquals(header.length, parsed.length());
        assertEquals(16 + 12 + 5 + 7, parsed.length());
    }

    @Test
    void aV2Tcp6Header() throws Exception {
        ProxyHeader header = parse(ProxyProtocol.AUTO,
                ProxyV2Bytes.tcp("2001:db8::7", 1, "2001:db8::1", 65535).bytes()).header();
        assertEquals(new InetSocketAddress("2001:db8::7", 1), header.source());
        assertEquals(new InetSocketAddress("2001:db8::1", 65535), header.destination());
    }

    @Test
    void aV2LocalHeaderKeepsTheConnectionsOwnAddresses() throws Exception {
        byte[] local = ProxyV2Bytes.local().bytes();
        ProxyHeader.Parsed parsed = parse(ProxyProtocol.V2, local);
        assertEquals(ProxyHeader.LOCAL, parsed.header());
        assertEquals(local.length, parsed.length());
    }

    @Test
    void aV2HeaderWithoutAnIpFamilyNamesNoOne() throws Exception {
        byte[] unspec = ProxyV2Bytes.tcp("1.2.3.4", 1, "5.6.7.8", 2).familyTransport(0x00).addresses(new byte[0]).bytes();
        assertEquals(new ProxyHeader.Parsed(ProxyHeader.UNKNOWN, 16), parse(ProxyProtocol.V2, unspec));
        byte[] unix = ProxyV2Bytes.tcp("1.2.3.4", 1, "5.6.7.8", 2).familyTransport(0x31).addresses(new byte[216]).bytes();
        assertEquals(new ProxyHeader.Parsed(ProxyHeader.UNKNOWN, 16 + 216), parse(ProxyProtocol.V2, unix));
    }

    @Test
    void anIncompleteV2HeaderAsksForMoreAtEveryLength() throws Exception {
        byte[] header = ProxyV2Bytes.tcp("203.0.113.7", 56324, "192.0.2.1", 443).tlv(0x04, new byte[3]).bytes();
        for (int n = 0; n < header.length; n++) {
            assertNull(ProxyHeaderParser.parse(ProxyProtocol.AUTO, header, 0, n), "after " + n + " bytes");
        }
        assertEquals(header.length, ProxyHeaderParser.parse(ProxyProtocol.AUTO, header, 0, header.length).length());
    }

    @Test
    void aV2HeaderIsReadWhereverItStartsInTheBuffer() throws Exception {
        byte[] header = ProxyV2Bytes.tcp("203.0.113.7", 1, "192.0.2.1", 2).bytes();
        byte[] shifted = concat(new byte[] {'x', 'y', 'z'}, header);
        assertEquals(header.length, ProxyHeaderParser.parse(ProxyProtocol.V2, shifted, 3, shifted.length).length());
    }

    /** Why a v2 TCP4 header changed so is refused. */
    private static String v2Refusal(UnaryOperator<ProxyV2Bytes> change) {
        return refusal(ProxyProtocol.V2, change.apply(ProxyV2Bytes.tcp("1.2.3.4", 1, "5.6.7.8", 2)).bytes());
    }

    @Test
    void malformedV2HeadersAreRefusedWithTheirReason() {
        assertEquals("PROXY v2 version is 1, not 2", v2Refusal(h -> h.versionCommand(0x11)));
        assertEquals("PROXY v2 command 2 is neither LOCAL (0) nor PROXY (1)", v2Refusal(h -> h.versionCommand(0x22)));
        assertEquals("PROXY v2 address family 4 is not UNSPEC, INET, INET6 or UNIX",
                v2Refusal(h -> h.familyTransport(0x41)));
        assertEquals("PROXY v2 transport 3 is not UNSPEC, STREAM or DGRAM", v2Refusal(h -> h.familyTransport(0x13)));
        assertEquals("PROXY v2 transport is DGRAM (UDP), but HTTP/1.1 runs over STREAM (TCP)",
                v2Refusal(h -> h.familyTransport(0x12)));
        assertEquals("PROXY v2 transport is UNSPEC, but HTTP/1.1 runs over STREAM (TCP)",
                v2Refusal(h -> h.familyTransport(0x10)));
        assertEquals("PROXY v2 INET addresses need 12 bytes, the header has 8", v2Refusal(h -> h.addresses(new byte[8])));
        assertEquals("PROXY v2 INET6 addresses need 36 bytes, the header has 12",
                v2Refusal(h -> h.familyTransport(0x21)));
        assertEquals("PROXY v2 header declares 4097 bytes after its first 16; at most 4096 are read",
                v2Refusal(h -> h.declaredLength(4097)));
    }

    @Test
    void aLengthThatCutsTheAddressesShortIsRefusedNotReadPastIt() {
        assertEquals("PROXY v2 INET addresses need 12 bytes, the header has 6", v2Refusal(h -> h.declaredLength(6)));
    }

    @Test
    void aHeaderOfTheOtherVersionThanConfiguredIsRefused() {
        assertEquals("a PROXY v2 header, but proxy_protocol is v1",
                refusal(ProxyProtocol.V1, ProxyV2Bytes.tcp("1.2.3.4", 1, "5.6.7.8", 2).bytes()));
        assertEquals("a PROXY v1 header, but proxy_protocol is v2",
                refusal(ProxyProtocol.V2, "PROXY TCP4 1.2.3.4 5.6.7.8 1 2\r\n".getBytes(ISO_8859_1)));
    }

    @Test
    void plainHttpFromAnAllowedProxyIsRefusedAtItsFirstByte() {
        assertEquals("the connection does not begin with a PROXY protocol header (proxy_protocol v1 expects"
                + " PROXY TCP4|TCP6|UNKNOWN ...)", refusal(ProxyProtocol.V1, "G".getBytes(ISO_8859_1)));
        assertEquals("the connection does not begin with a PROXY protocol header (proxy_protocol v2 expects its"
                + " 12-byte signature)", refusal(ProxyProtocol.V2, "GET / HTTP/1.1\r\n".getBytes(ISO_8859_1)));
        assertEquals("the connection does not begin with a PROXY protocol header (proxy_protocol auto expects a v1"
                + " line or a v2 signature)", refusal("PROXX TCP4"));
        byte[] almostSignature = Arrays.copyOf(ProxyV2Parser.SIGNATURE, 12);
        almostSignature[11] = 'X';
        assertEquals("the connection does not begin with a PROXY protocol header (proxy_protocol auto expects a v1"
                + " line or a v2 signature)", refusal(ProxyProtocol.AUTO, almostSignature));
    }
}
