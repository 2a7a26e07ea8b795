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
            ServerSettings.parse(values);
        } catch (InvalidSettingException e) {
            throw new InvalidSettingException(file + ": " + e.getMessage());
        }
        return values;
    }
}
