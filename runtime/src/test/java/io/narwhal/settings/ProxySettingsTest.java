package io.narwhal.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** forwarded_allow_ips, secure_scheme_headers, proxy_protocol and proxy_allow_ips: Gunicorn's defaults, the syntax, the errors. */
class ProxySettingsTest {
    private static ProxySettings proxy(String... keysAndValues) throws InvalidSettingException {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return ServerSettings.parse(values).proxy();
    }

    private static String error(String key, String value) {
        return assertThrows(InvalidSettingException.class, () -> proxy(key, value)).getMessage();
    }

    private static IpAllowList.Network network(String address, int prefixLength) {
        return new IpAllowList.Network(InetAddress.ofLiteral(address), prefixLength);
    }

    @Test
    void defaultsAreGunicorns() throws Exception {
        ProxySettings proxy = ServerSettings.defaults().proxy();
        List<IpAllowList.Network> loopback = List.of(network("127.0.0.1", 32), network("::1", 128));
        assertEquals(loopback, proxy.forwardedAllowIps().networks());
        assertEquals(loopback, proxy.proxyAllowIps().networks());
        assertEquals("off", proxy.proxyProtocol());
        assertEquals(List.of("X-Forwarded-Protocol", "X-Forwarded-Proto", "X-Forwarded-Ssl"),
                List.copyOf(proxy.secureSchemeHeaders().keySet()));
        assertEquals(List.of("ssl", "https", "on"), List.copyOf(proxy.secureSchemeHeaders().values()));
    }

    @Test
    void allowListsTakeAddressesNetworksAndTheWildcard() throws Exception {
        IpAllowList list = proxy("forwarded_allow_ips", " 10.0.0.0/8 , fd00::/8,192.0.2.7,*").forwardedAllowIps();
        assertEquals(List.of(network("10.0.0.0", 8), network("fd00::", 8), network("192.0.2.7", 32),
                network("0.0.0.0", 0), network("::", 0)), list.networks());
        assertEquals("10.0.0.0/8,fd00::/8,192.0.2.7,*", list.text());
        assertEquals(List.of(), proxy("proxy_allow_ips", "").proxyAllowIps().networks(), "empty allows no one");
    }

    @Test
    void badAllowListsNameTheKeyAndTheEntry() {
        String expected = " (expected addresses or CIDR networks separated by commas, e.g. 127.0.0.1,::1,10.0.0.0/8, or *)";
        assertEquals("invalid forwarded_allow_ips 'localhost': 'localhost' is not an IPv4 or IPv6 address" + expected,
                error("forwarded_allow_ips", "localhost"));
        assertEquals("invalid proxy_allow_ips '10.1/16': '10.1' is not an IPv4 or IPv6 address" + expected,
                error("proxy_allow_ips", "10.1/16"));
        assertEquals("invalid forwarded_allow_ips '10.0.0.0/33': '10.0.0.0/33' has a prefix length that is not from 0"
                + " to 32" + expected, error("forwarded_allow_ips", "10.0.0.0/33"));
        assertEquals("invalid forwarded_allow_ips '::/129': '::/129' has a prefix length that is not from 0 to 128"
                + expected, error("forwarded_allow_ips", "::/129"));
        assertEquals("invalid forwarded_allow_ips '10.0.0.0/': '10.0.0.0/' has a prefix length that is not from 0 to 32"
                + expected, error("forwarded_allow_ips", "10.0.0.0/"));
        assertEquals("invalid forwarded_allow_ips '127.0.0.1,,::1': an entry is empty" + expected,
                error("forwarded_allow_ips", "127.0.0.1,,::1"));
        assertEquals("invalid forwarded_allow_ips '[::1]': '[::1]' is not an IPv4 or IPv6 address" + expected,
                error("forwarded_allow_ips", "[::1]"));
        assertEquals("invalid forwarded_allow_ips '010.0.0.1': '010.0.0.1' is not an IPv4 or IPv6 address" + expected,
                error("forwarded_allow_ips", "010.0.0.1"));
    }

    @Test
    void secureSchemeHeadersArePairsInTheirOrder() throws Exception {
        Map<String, String> headers = proxy("secure_scheme_headers", "X-Scheme = https, Front-End-Https=on")
                .secureSchemeHeaders();
        assertEquals(List.of("X-Scheme", "Front-End-Https"), List.copyOf(headers.keySet()));
        assertEquals("on", headers.get("Front-End-Https"));
        assertEquals(Map.of(), proxy("secure_scheme_headers", "").secureSchemeHeaders(), "empty believes none");
    }

    @Test
    void badSecureSchemeHeadersAreExplained() {
        String expected = " (expected header=value pairs separated by commas, e.g. X-Forwarded-Proto=https,X-Forwarded-Ssl=on)";
        assertEquals("invalid secure_scheme_headers 'X-Forwarded-Proto: https': 'X-Forwarded-Proto: https' is not"
                + " NAME=VALUE" + expected, error("secure_scheme_headers", "X-Forwarded-Proto: https"));
        assertEquals("invalid secure_scheme_headers 'X-A=on,': '' is not NAME=VALUE" + expected,
                error("secure_scheme_headers", "X-A=on,"));
        assertEquals("invalid secure_scheme_headers 'X A=on': 'X A=on' is not NAME=VALUE" + expected,
                error("secure_scheme_headers", "X A=on"));
        assertEquals("invalid secure_scheme_headers 'X-A=': 'X-A=' is not NAME=VALUE" + expected,
                error("secure_scheme_headers", "X-A="));
        assertEquals("invalid secure_scheme_headers 'X-A=on,x-a=1': 'x-a' is given twice" + expected,
                error("secure_scheme_headers", "X-A=on,x-a=1"));
    }

    @Test
    void proxyProtocolIsAModeOrGunicornsOlderBoolean() throws Exception {
        for (String mode : List.of("off", "v1", "v2", "auto")) {
            assertEquals(mode, proxy("proxy_protocol", mode.toUpperCase()).proxyProtocol());
        }
        assertEquals("auto", proxy("proxy_protocol", "true").proxyProtocol());
        assertEquals("off", proxy("proxy_protocol", "False").proxyProtocol());
        assertEquals("invalid proxy_protocol 'v3' (expected one of off, v1, v2, auto)", error("proxy_protocol", "v3"));
    }

    @Test
    void theSettingsSurviveTheirCfgForm() throws Exception {
        ServerSettings settings = ServerSettings.parse(Map.of("forwarded_allow_ips", "10.0.0.0/8, ::1",
                "secure_scheme_headers", "X-Scheme=https", "proxy_protocol", "true", "proxy_allow_ips", "*"));
        Map<String, String> written = settings.toMap();
        assertEquals("10.0.0.0/8,::1", written.get("forwarded_allow_ips"));
        assertEquals("X-Scheme=https", written.get("secure_scheme_headers"));
        assertEquals("auto", written.get("proxy_protocol"));
        assertEquals("*", written.get("proxy_allow_ips"));
        assertEquals(settings, ServerSettings.parse(written));
    }
}
