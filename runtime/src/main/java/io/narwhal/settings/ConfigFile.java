package io.narwhal.settings;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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
