package io.narwhal.settings;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** A .cfg file as Felix FileInstall reads it into Config Admin: java.util.Properties syntax. */
public final class ConfigFile {
    private ConfigFile() {
    }

    public static Map<String, String> read(Path file) throws InvalidSettingException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new InvalidSettingException("config file not found: " + file);
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidSettingException("cannot read config file " + file + ": " + e.getMessage());
        }
        Map<String, String> values = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name)));
        return values;
    }

    /**
     * Sets one key in a .cfg file the way a person would edit it: its line replaced (a second one for the same key
     * removed, as it would win), or a line added at the end; every other line, comments included, kept as it was. The
     * file is replaced whole (written beside it, then renamed), so a watcher never reads it half-written.
     */
    public static void put(Path file, String key, String value) throws IOException {
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a value of " + key + " is one line");
        }
        List<String> lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        List<String> edited = new ArrayList<>();
        String line = key + " = " + escape(value);
        boolean placed = false;
        for (int i = 0; i < lines.size(); i++) {
            String lineKey = keyOf(lines.get(i));
            int last = lineKey == null ? i : lastOfLogicalLine(lines, i);
            if (key.equals(lineKey)) {
                if (!placed) {
                    edited.add(line);
                    placed = true;
                }
            } else {
                edited.addAll(lines.subList(i, last + 1));
            }
            i = last;
        }
        if (!placed) {
            edited.add(line);
        }
        // Beside it, under a name FileInstall's .cfg filter ignores, as the pid file is written.
        Path written = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp");
        try {
            // A temporary file is the owner's alone; the edited file keeps the mode it had (0644 for a new one).
            Files.setPosixFilePermissions(written, Files.exists(file) ? Files.getPosixFilePermissions(file)
                    : PosixFilePermissions.fromString("rw-r--r--"));
            Files.write(written, edited, StandardCharsets.UTF_8);
            Files.move(written, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(written);
        }
    }

    /** The key a properties line sets; null for a comment or a blank line. */
    private static String keyOf(String line) {
        String stripped = line.stripLeading();
        if (stripped.isEmpty() || stripped.charAt(0) == '#' || stripped.charAt(0) == '!') {
            return null;
        }
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < stripped.length(); i++) {
            char c = stripped.charAt(i);
            if (c == '\\' && i + 1 < stripped.length()) {
                key.append(stripped.charAt(++i));
            } else if (c == '=' || c == ':' || Character.isWhitespace(c)) {
                break;
            } else {
                key.append(c);
            }
        }
        return key.toString();
    }

    /**
     * The index of the last physical line of the setting's logical line starting at {@code first} (continued by a
     * backslash; a comment never continues).
     */
    private static int lastOfLogicalLine(List<String> lines, int first) {
        int last = first;
        while (last < lines.size() - 1 && continues(lines.get(last))) {
            last++;
        }
        return last;
    }

    private static boolean continues(String line) {
        int backslashes = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    /** As Properties reads it back: backslashes doubled, a leading space kept. */
    private static String escape(String value) {
        String escaped = value.replace("\\", "\\\\");
        return escaped.startsWith(" ") ? "\\" + escaped : escaped;
    }

    /** Reads and checks a file; an error names the file. */
    public static Map<String, String> readChecked(Path file) throws InvalidSettingException {
        Map<String, String> values = read(file);
        try {
            requirePlainValues(values);
            ServerSettings.parse(values);
        } catch (InvalidSettingException e) {
            throw new InvalidSettingException(file + ": " + e.getMessage());
        }
        return values;
    }

    /**
     * Refuses what a Gunicorn user writes in a Python config file but Java properties keep as part of the value:
     * quotes around it, and a comment after it. Without this, {@code accesslog = "/var/log/a.log"  # requests} would
     * be a file named with its quotes and the comment. The access log format is left alone: quotes and '#' are
     * common in it and mean themselves there.
     */
    public static void requirePlainValues(Map<String, ?> values) throws InvalidSettingException {
        for (Map.Entry<String, ?> entry : values.entrySet()) {
            String key = entry.getKey();
            if (!ServerSettings.KEYS.contains(key) || key.equals(ServerSettings.ACCESS_LOG_FORMAT)
                    || !(entry.getValue() instanceof String raw)) {
                continue;
            }
            String value = raw.strip();
            if (value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'')
                    && value.charAt(value.length() - 1) == value.charAt(0)) {
                throw new InvalidSettingException("invalid " + key + " '" + value + "' (a .cfg file is Java properties,"
                        + " which keep quotes as part of the value: write it without them)");
            }
            int comment = Math.max(value.indexOf(" #"), value.indexOf("\t#"));
            if (comment >= 0) {
                throw new InvalidSettingException("invalid " + key + " '" + value + "' (a .cfg file is Java properties,"
                        + " where '#' starts a comment only at the start of a line: put the comment on a line of its own)");
            }
        }
    }
}
