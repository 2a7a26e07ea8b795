package io.narwhal.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HeadersTest {
    @Test
    void fieldsKeepTheirOrderAndCaseAndNamesCompareWithoutCase() {
        Headers headers = new Headers().add("Host", "a").add("X-Tag", "1").add("x-tag", "2");
        assertEquals("a", headers.first("host"));
        assertEquals(List.of("1", "2"), headers.all("X-TAG"));
        assertEquals(2, headers.count("x-Tag"));
        assertEquals(0, headers.count("Accept"));
        assertEquals(Set.of("Host", "X-Tag"), headers.names());
        List<String> seen = new ArrayList<>();
        headers.forEach((name, value) -> seen.add(name + "=" + value));
        assertEquals(List.of("Host=a", "X-Tag=1", "x-tag=2"), seen);
    }

    @Test
    void manyFieldsGrowTheStorageAndRemoveKeepsTheOthersInOrder() {
        Headers headers = new Headers();
        for (int i = 0; i < 100; i++) {
            headers.add(i % 3 == 0 ? "Drop" : "Keep-" + i, Integer.toString(i));
        }
        assertEquals(100, headers.size());
        assertTrue(headers.remove("drop"));
        assertFalse(headers.remove("drop"));
        assertEquals(66, headers.size());
        assertEquals("1", headers.first("Keep-1"));
        assertEquals("98", headers.first("Keep-98"));
        assertNull(headers.first("Drop"));
        headers.set("Keep-1", "one");
        assertEquals(List.of("one"), headers.all("keep-1"));
        assertEquals("one", headers.first("Keep-1"));
        headers.clear();
        assertTrue(headers.isEmpty());
        assertNull(headers.first("Keep-2"));
    }

    @Test
    void containsTokenFindsAListedTokenWithOptionalWhitespaceAndNoPartialMatch() {
        Headers headers = new Headers().add("Connection", "keep-alive , Upgrade").add("Connection", "\tclose");
        assertTrue(headers.containsToken("connection", "upgrade"));
        assertTrue(headers.containsToken("Connection", "KEEP-ALIVE"));
        assertTrue(headers.containsToken("Connection", "close"));
        assertFalse(headers.containsToken("Connection", "keep"));
        assertFalse(headers.containsToken("Connection", "alive"));
        assertFalse(new Headers().add("Connection", "").containsToken("Connection", "close"));
        assertTrue(new Headers().add("Expect", "100-continue").containsToken("Expect", "100-continue"));
    }

    @Test
    void aNameOrValueThatCouldSplitAResponseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Headers().add("Bad Name", "x"));
        assertThrows(IllegalArgumentException.class, () -> new Headers().add("X", "a\r\nInjected: 1"));
        assertThrows(IllegalArgumentException.class, () -> new Headers().add("", "x"));
        assertThrows(IllegalArgumentException.class, () -> new Headers().add("X", null));
    }
}
