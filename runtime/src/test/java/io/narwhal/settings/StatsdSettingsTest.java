package io.narwhal.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class StatsdSettingsTest {
    private static StatsdSettings parse(Map<String, String> values) throws InvalidSettingException {
        return ServerSettings.parse(values).statsd();
    }

    @Test
    void offByDefault() throws Exception {
        StatsdSettings statsd = parse(Map.of());
        assertNull(statsd.host());
        assertEquals("", statsd.namePrefix());
        assertEquals(List.of(), statsd.tags());
    }

    @Test
    void aHostWithItsPort_aPrefix_andTags() throws Exception {
        StatsdSettings statsd = parse(Map.of("statsd_host", "metrics.internal:8125", "statsd_prefix", "shop.web",
                "dogstatsd_tags", "env:prod, team:web,canary"));
        assertEquals(new BindAddress("metrics.internal", 8125), statsd.host());
        assertEquals("shop.web.", statsd.namePrefix());
        assertEquals(List.of("env:prod", "team:web", "canary"), statsd.tags());
        assertEquals(statsd, parse(ServerSettings.parse(Map.of("statsd_host", "metrics.internal:8125",
                "statsd_prefix", "shop.web", "dogstatsd_tags", "env:prod, team:web,canary")).toMap()),
                "written as a .cfg would have them, they read back the same");
    }

    @ParameterizedTest
    @CsvSource({"app, app.", "app., app.", "app..., app."})
    void thePrefixGetsOneDot(String prefix, String namePrefix) throws Exception {
        assertEquals(namePrefix, parse(Map.of("statsd_prefix", prefix)).namePrefix());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "statsd_host; localhost; invalid statsd_host 'localhost': give the port, as localhost:8125",
        "statsd_host; unix:/run/statsd.sock; invalid statsd_host 'unix:/run/statsd.sock': only HOST:PORT (UDP) is supported",
        "statsd_host; localhost:70000; invalid statsd_host 'localhost:70000': the port is not a number from 0 to 65535",
        "dogstatsd_tags; env:prod,,x; invalid dogstatsd_tags 'env:prod,,x': '' is not a tag (key:value or a word, no spaces, '|' or '#')",
        "dogstatsd_tags; a|b; invalid dogstatsd_tags 'a|b': 'a|b' is not a tag (key:value or a word, no spaces, '|' or '#')"})
    void aBadValueIsRefusedNamingItsKey(String key, String value, String message) {
        assertEquals(message, assertThrows(InvalidSettingException.class, () -> parse(Map.of(key, value))).getMessage());
    }
}
