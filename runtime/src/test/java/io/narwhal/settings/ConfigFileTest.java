package io.narwhal.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A .cfg file is Java properties: what a Gunicorn user's habits would slip into a value is refused, naming the key. */
class ConfigFileTest {
    @TempDir
    Path dir;

    @Test
    void readsPropertiesWithCommentsOnTheirOwnLines() throws Exception {
        Path file = write("# the pool\nworkers = 4\n! also a comment\naccesslog = /var/log/a#1.log\n");
        assertEquals(Map.of("workers", "4", "accesslog", "/var/log/a#1.log"), ConfigFile.readChecked(file));
    }

    @Test
    void aQuotedValueIsRefusedNamingTheKey() throws Exception {
        for (String quoted : new String[] {"\"/var/log/a.log\"", "'/var/log/a.log'"}) {
            InvalidSettingException e = assertThrows(InvalidSettingException.class,
                    () -> ConfigFile.readChecked(write("accesslog = " + quoted + "\n")));
            assertEquals(dir.resolve("narwhal.cfg") + ": invalid accesslog '" + quoted + "' (a .cfg file is Java"
                    + " properties, which keep quotes as part of the value: write it without them)", e.getMessage());
        }
    }

    @Test
    void aCommentAfterAValueIsRefusedNamingTheKey() throws Exception {
        for (String line : new String[] {"errorlog = /var/log/n.log  # errors", "errorlog = /var/log/n.log\t# errors"}) {
            InvalidSettingException e = assertThrows(InvalidSettingException.class,
                    () -> ConfigFile.readChecked(write(line + "\n")));
            assertEquals(dir.resolve("narwhal.cfg") + ": invalid errorlog '" + line.substring(11) + "' (a .cfg file"
                    + " is Java properties, where '#' starts a comment only at the start of a line: put the comment on"
                    + " a line of its own)", e.getMessage());
        }
    }

    @Test
    void theAccessLogFormatKeepsItsQuotesAndHashes() throws Exception {
        Path file = write("access_log_format = \"%(r)s\" #%(p)s\n");
        assertEquals(Map.of("access_log_format", "\"%(r)s\" #%(p)s"), ConfigFile.readChecked(file));
    }

    private Path write(String text) throws Exception {
        return Files.writeString(dir.resolve("narwhal.cfg"), text);
    }
}
