package io.narwhal.http1;

import io.narwhal.http1.RecordingApp.Seen;
import java.util.List;

/** Well-formed requests and what an app must see of each; shared by the parsing and the split-read tests. */
final class ValidRequests {
    record Case(String name, String raw, Seen expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    private ValidRequests() {
    }

    static List<Case> all() {
        return List.of(
                new Case("GET",
                        "GET /hello HTTP/1.1\r\nHost: example.com\r\nUser-Agent: test/1.0\r\n\r\n",
                        seen("GET", "/hello", "/hello", null, "HTTP/1.1", "",
                                "Host: example.com", "User-Agent: test/1.0")),
                new Case("query",
                        "GET /search?q=narwhal&lang=en&x=a%20b?c HTTP/1.1\r\nHost: a\r\n\r\n",
                        seen("GET", "/search?q=narwhal&lang=en&x=a%20b?c", "/search", "q=narwhal&lang=en&x=a%20b?c",
                                "HTTP/1.1", "", "Host: a")),
                new Case("empty query, encoded path",
                        "GET /a%2Fb/%C3%A9? HTTP/1.1\r\nHost: a\r\n\r\n",
                        seen("GET", "/a%2Fb/%C3%A9?", "/a%2Fb/%C3%A9", "", "HTTP/1.1", "", "Host: a")),
                new Case("POST with Content-Length",
                        "POST /submit HTTP/1.1\r\nHost: a\r\nContent-Type: text/plain\r\nContent-Length: 11\r\n\r\n"
                                + "hello world",
                        seen("POST", "/submit", "/submit", null, "HTTP/1.1", "hello world",
                                "Host: a", "Content-Type: text/plain", "Content-Length: 11")),
                new Case("POST with repeated equal Content-Length",
                        "POST /r HTTP/1.1\r\nHost: a\r\nContent-Length: 3, 3\r\nContent-Length: 3\r\n\r\nabc",
                        seen("POST", "/r", "/r", null, "HTTP/1.1", "abc",
                                "Host: a", "Content-Length: 3, 3", "Content-Length: 3")),
                new Case("POST with Content-Length 0",
                        "POST /empty HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n",
                        seen("POST", "/empty", "/empty", null, "HTTP/1.1", "", "Host: a", "Content-Length: 0")),
                new Case("chunked POST with extensions and trailers",
                        "POST /upload HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                                + "5;name=value\r\nhello\r\n6 ; a=\"b c\"\r\n world\r\nA\r\n0123456789\r\n"
                                + "0\r\nX-Checksum: abc\r\nX-Other: d\r\n\r\n",
                        seen("POST", "/upload", "/upload", null, "HTTP/1.1", "hello world0123456789",
                                "Host: a", "Transfer-Encoding: chunked")),
                new Case("chunked POST, upper-case hex with leading zeros, binary data",
                        "PUT /bin HTTP/1.1\r\nHost: a\r\ntransfer-encoding: Chunked\r\n\r\n"
                                + "000B\r\n\r\n\u0000\u00ff\r\n0\r\n\r\n\r\n3\r\n123\r\n00\r\n\r\n",
                        seen("PUT", "/bin", "/bin", null, "HTTP/1.1", "\r\n\u0000\u00ff\r\n0\r\n\r\n123",
                                "Host: a", "transfer-encoding: Chunked")),
                new Case("HEAD",
                        "HEAD /resource HTTP/1.1\r\nHost: a\r\n\r\n",
                        seen("HEAD", "/resource", "/resource", null, "HTTP/1.1", "", "Host: a")),
                new Case("HTTP/1.0 without Host",
                        "GET /old HTTP/1.0\r\n\r\n",
                        seen("GET", "/old", "/old", null, "HTTP/1.0", "")),
                new Case("HTTP/1.0 POST",
                        "POST /form HTTP/1.0\r\nContent-Length: 4\r\n\r\na=bc",
                        seen("POST", "/form", "/form", null, "HTTP/1.0", "a=bc", "Content-Length: 4")),
                new Case("absolute-form target",
                        "GET http://example.com:8080/p/q?x=1 HTTP/1.1\r\nHost: example.com:8080\r\n\r\n",
                        seen("GET", "http://example.com:8080/p/q?x=1", "/p/q", "x=1", "HTTP/1.1", "",
                                "Host: example.com:8080")),
                new Case("absolute-form target: its authority is the host, not the Host field (RFC 9112 3.2.2)",
                        "GET http://a.example/x HTTP/1.1\r\nHost: b.example\r\n\r\n",
                        seen("GET", "http://a.example/x", "/x", null, "HTTP/1.1", "", "Host: a.example")),
                new Case("absolute-form target without a path",
                        "GET https://example.com?x=/y HTTP/1.1\r\nHost: example.com\r\n\r\n",
                        seen("GET", "https://example.com?x=/y", "/", "x=/y", "HTTP/1.1", "", "Host: example.com")),
                new Case("OPTIONS *",
                        "OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n",
                        seen("OPTIONS", "*", "*", null, "HTTP/1.1", "", "Host: a")),
                new Case("multi-valued fields keep order and name case",
                        "GET / HTTP/1.1\r\nHost: a\r\nX-Multi: one\r\nACCEPT: */*\r\nx-multi: two\r\n"
                                + "Cookie: a=1\r\nCookie: b=2\r\n\r\n",
                        seen("GET", "/", "/", null, "HTTP/1.1", "",
                                "Host: a", "X-Multi: one", "ACCEPT: */*", "x-multi: two", "Cookie: a=1", "Cookie: b=2")),
                new Case("OWS trimmed, inner spaces, tabs, empty value, obs-text kept",
                        "GET / HTTP/1.1\r\nHost:a\r\nX-Padded: \t value  with\tinner  spaces \t\r\nX-Empty:\r\n"
                                + "X-Blank:   \r\nX-Latin: caf\u00e9\r\n\r\n",
                        seen("GET", "/", "/", null, "HTTP/1.1", "",
                                "Host: a", "X-Padded: value  with\tinner  spaces", "X-Empty: ", "X-Blank: ",
                                "X-Latin: caf\u00e9")),
                new Case("empty lines before the request line",
                        "\r\n\r\nGET /after HTTP/1.1\r\nHost: a\r\n\r\n",
                        seen("GET", "/after", "/after", null, "HTTP/1.1", "", "Host: a")),
                new Case("CONNECT to host:port",
                        "CONNECT a.example:443 HTTP/1.1\r\nHost: a.example:443\r\n\r\n",
                        seen("CONNECT", "a.example:443", "a.example:443", null, "HTTP/1.1", "", "Host: a.example:443")),
                new Case("CONNECT to an IPv6 literal",
                        "CONNECT [2001:db8::1]:8443 HTTP/1.1\r\nHost: [2001:db8::1]:8443\r\n\r\n",
                        seen("CONNECT", "[2001:db8::1]:8443", "[2001:db8::1]:8443", null, "HTTP/1.1", "",
                                "Host: [2001:db8::1]:8443")),
                new Case("every chunk extension form: bare name, token, quoted-string with a quoted pair, BWS",
                        "POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                                + "2;a\r\nab\r\n2;a=b;c=\"d \\\" e;f\"\r\ncd\r\n2 ; a = b ;c\t;d=\"\"\r\nef\r\n"
                                + "0;last=\"\u00e9\"\r\n\r\n",
                        seen("POST", "/x", "/x", null, "HTTP/1.1", "abcdef", "Host: a", "Transfer-Encoding: chunked")),
                new Case("Transfer-Encoding as a list with empty elements",
                        "POST /l HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: , chunked,\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
                        seen("POST", "/l", "/l", null, "HTTP/1.1", "abc", "Host: a", "Transfer-Encoding: , chunked,")),
                new Case("extension method, IPv6 Host, target with sub-delims",
                        "PURGE /c/!$&'()*+,;=:@-._~[] HTTP/1.1\r\nHost: [::1]:8080\r\n\r\n",
                        seen("PURGE", "/c/!$&'()*+,;=:@-._~[]", "/c/!$&'()*+,;=:@-._~[]", null, "HTTP/1.1", "",
                                "Host: [::1]:8080")));
    }

    static Seen seen(String method, String target, String path, String query, String version, String body,
            String... fields) {
        return new Seen(method, target, path, query, version, List.of(fields), body);
    }
}
