package io.narwhal.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/operations.md's table of flags and settings says what {@link Setting#ALL} defines: a row per setting, with
 * each of its flags and its default, and no row for a setting that is not one.
 */
class SettingsDocumentedTest {
    private static final Path OPERATIONS = Path.of("../docs/operations.md");

    @Test
    void theOperationsTableHasARowPerSettingWithItsFlagsAndDefault() throws Exception {
        Map<String, String[]> rows = settingRows();
        for (Setting setting : Setting.ALL) {
            String[] row = rows.get(setting.key());
            assertNotNull(row, "no row for " + setting.key() + " in " + OPERATIONS);
            for (String flag : setting.flags()) {
                assertTrue(row[0].contains("`" + flag), setting.key() + "'s row does not name " + flag + ": " + row[0]);
            }
            String documented = row[2];
            assertTrue(setting.defaultValue().isEmpty() ? documented.startsWith("(none)")
                    : documented.startsWith("`" + setting.defaultValue() + "`"),
                    setting.key() + "'s row says its default is " + documented + ", not " + setting.defaultValue());
        }
        assertEquals(ServerSettings.KEYS, List.copyOf(rows.keySet()), "the rows, in the order --help lists them");
    }

    @Test
    void helpListsEveryFlagWithItsDefault() {
        for (Setting setting : Setting.ALL) {
            String shown = setting.defaultValue().isEmpty() ? "[none]" : "[" + setting.defaultValue() + "]";
            for (String flag : setting.flags()) {
                assertTrue(CommandLine.USAGE.contains(flag), flag);
            }
            assertTrue(CommandLine.USAGE.replace("\n", " ").replaceAll(" +", " ").contains(shown), shown);
        }
    }

    /** The table's rows that name a setting (second column), by setting, as their cells. */
    private static Map<String, String[]> settingRows() throws Exception {
        Map<String, String[]> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(OPERATIONS)) {
            if (!line.startsWith("| `-")) {
                continue;
            }
            String[] cells = line.substring(1).split(" \\| ", 4);
            String key = cells[1].strip().replace("`", "");
            if (!key.isEmpty() && cells.length == 4) {
                rows.put(key, new String[] {cells[0].strip(), key, cells[2].strip()});
            }
        }
        return rows;
    }
}
