package io.narwhal.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.narwhal.api.http.HttpException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestPathsTest {
    private static final String CLIMBS = "path climbs above the root with '..'";
    private static final String BAD_ESCAPE = "bad percent-encoding in path: '%' must be followed by two hex digits";

    private static void assertRefused(String rawPath, String rule) {
        HttpException refusal = assertThrows(HttpException.class, () -> RequestPaths.normalize(rawPath));
        assertEquals(400, refusal.status());
        assertEquals(rule, refusal.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/hello", "/a/b/c", "/a/b/", "/hello%20world", "/caf%C3%A9", "/a%2Eb", "/a.b",
        "/.hidden", "/...", "/a/.../b", "/..a", "/a..", "/.%2e.", "/%2E%2E%2E", "/a;b=c/d", "*", "example.com:443"})
    void pathThatNeedsNoChangeIsTheSameInstance(String rawPath) {
        assertSame(rawPath, RequestPaths.normalize(rawPath));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            # empty path
            ""               | /
            # "."
            /.               | /
            /./a             | /a
            /a/./b           | /a/b
            /a/.             | /a/
            /a/./            | /a/
            /a/././b         | /a/b
            # ".."
            /a/..            | /
            /a/../           | /
            /a/../b          | /b
            /a/b/../c        | /a/c
            /a/b/..          | /a/
            /a/b/../         | /a/
            /a/../b/../c     | /c
            /a/./b/../../c   | /c
            # "%2e" and "%2E" count as '.', in either case and mixed with '.'
            /%2e             | /
            /%2E/a           | /a
            /a/%2e/b         | /a/b
            /a/%2E           | /a/
            /a/%2e%2e/b      | /b
            /a/%2E%2E/b      | /b
            /a/%2E%2e        | /
            /a/.%2e/b        | /b
            /a/%2e./b        | /b
            /a/.%2E          | /
            # a kept segment keeps its escapes as sent
            /a%2E/x/../b     | /a%2E/b
            /%41/./%42       | /%41/%42
            # "//": empty segments are dropped; a trailing slash stays
            //               | /
            //a              | /a
            /a//b            | /a/b
            /a//             | /a/
            /a///b           | /a/b
            /a//../b         | /b
            /a/.//b          | /a/b
            """)
    void dotSegmentsAndEmptySegmentsAreRemoved(String rawPath, String expected) {
        assertEquals(expected, RequestPaths.normalize(rawPath));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            # climbing above the root is refused, not clamped
            /..               | path climbs above the root with '..'
            /../a             | path climbs above the root with '..'
            /a/../..          | path climbs above the root with '..'
            /a/../../b        | path climbs above the root with '..'
            /%2e%2e           | path climbs above the root with '..'
            /.%2E/a           | path climbs above the root with '..'
            /a/%2E%2E/%2e%2e/ | path climbs above the root with '..'
            //..              | path climbs above the root with '..'
            # an encoded slash or backslash would hide a segment boundary
            /a%2Fb            | encoded slash (%2F) in path
            /a%2fb            | encoded slash (%2F) in path
            /..%2Fadmin       | encoded slash (%2F) in path
            /%2F              | encoded slash (%2F) in path
            /a%5Cb            | encoded backslash (%5C) in path
            /a%5cb            | encoded backslash (%5C) in path
            /..%5c..          | encoded backslash (%5C) in path
            /a\\b             | backslash in path
            /..\\admin        | backslash in path
            /a\\              | backslash in path
            # '%' must start an escape
            /a%               | bad percent-encoding in path: '%' must be followed by two hex digits
            /a%2              | bad percent-encoding in path: '%' must be followed by two hex digits
            /a%zz             | bad percent-encoding in path: '%' must be followed by two hex digits
            /a%2g/b           | bad percent-encoding in path: '%' must be followed by two hex digits
            /%g0              | bad percent-encoding in path: '%' must be followed by two hex digits
            /a%%41            | bad percent-encoding in path: '%' must be followed by two hex digits
            /100%/x           | bad percent-encoding in path: '%' must be followed by two hex digits
            # NUL would end the path early in a C library or a file name
            /a%00b            | encoded NUL (%00) in path
            /%00              | encoded NUL (%00) in path
            """)
    void ambiguousOrMalformedPathIsA400NamingTheRule(String rawPath, String rule) {
        assertRefused(rawPath, rule);
    }

    @Test
    void rawNulIsA400() {
        assertRefused("/a\0b", "NUL in path");
    }

    @Test
    void refusalDoesNotEchoTheInput() {
        String huge = "/" + "a".repeat(100_000) + "%";

        assertRefused(huge, BAD_ESCAPE);
        assertRefused("/a" + "/..".repeat(10_000), CLIMBS);
    }
}
