package io.narwhal.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void quotesAndBackslashesAreEscaped() {
        assertEquals("\"say \\\"hi\\\" to C:\\\\tmp\"", Json.of("say \"hi\" to C:\\tmp"));
    }

    @Test
    void newlineReturnAndTabHaveTheirShortEscapes() {
        assertEquals("\"a\\nb\\rc\\td\"", Json.of("a\nb\rc\td"));
    }

    @Test
    void otherControlCharactersAreUnicodeEscaped() {
        assertEquals("\"\\u0001\\u001f\\u0000\"", Json.of("\u0001\u001f\u0000"));
    }

    @Test
    void charactersFromSpaceOnAreWrittenAsThey() {
        assertEquals("\" /é€\u007f\"", Json.of(" /é€\u007f"));
    }

    @Test
    void nullNumbersAndBooleansAreBare() {
        assertEquals("null", Json.of(null));
        assertEquals("42", Json.of(42));
        assertEquals("-7", Json.of(-7L));
        assertEquals("1.5", Json.of(1.5));
        assertEquals("true", Json.of(true));
        assertEquals("false", Json.of(false));
    }

    @Test
    void mapsKeepTheirOrderAndNest() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("z", List.of(1, "two", List.of()));
        inner.put("a", null);
        Map<String, Object> outer = new LinkedHashMap<>();
        outer.put("second", Map.of());
        outer.put("first", inner);
        outer.put("list", Arrays.asList(null, true, Map.of("k", "v")));

        assertEquals("{\"second\":{},\"first\":{\"z\":[1,\"two\",[]],\"a\":null},\"list\":[null,true,{\"k\":\"v\"}]}",
                Json.of(outer));
    }

    @Test
    void keysAreEscapedAndNonStringKeysWrittenAsStrings() {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put("a\"b", 1);
        map.put(7, 2);
        assertEquals("{\"a\\\"b\":1,\"7\":2}", Json.of(map));
    }

    @Test
    void anyOtherValueIsItsStringQuoted() {
        assertEquals("\"PT1M\"", Json.of(java.time.Duration.ofMinutes(1)));
    }
}
