package io.narwhal.supervisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProcessMemoryTest {
    @Test
    void readsRssAndPssInBytes() {
        String rollup = """
                55d0c0000000-7ffd5b1fe000 ---p 00000000 00:00 0                          [rollup]
                Rss:               91236 kB
                Pss:               48012 kB
                Pss_Anon:          30000 kB
                Shared_Clean:      40000 kB
                """;
        assertEquals(new ProcessMemory(91236L * 1024, 48012L * 1024), ProcessMemory.parse(rollup));
    }

    @Test
    void thisProcessHasSomeMemory_andAGoneOneIsUnknown() {
        ProcessMemory own = ProcessMemory.of(ProcessHandle.current().pid());
        assertTrue(own.rssBytes() > 1024 * 1024 && own.pssBytes() > 0, own.toString());
        assertEquals(ProcessMemory.UNKNOWN, ProcessMemory.of(Integer.MAX_VALUE));
    }
}
