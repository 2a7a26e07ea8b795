package io.narwhal.api.server;

/**
 * One setting as the server runs with it.
 *
 * @param key the setting's name (Gunicorn's, where Gunicorn has it)
 * @param value the value the server runs with
 * @param origin where that value came from: "default", "config/narwhal.server.cfg", the {@code -c} file's path,
 *     "command line"
 * @param pending what the configuration sources say now, where it differs from the running value (an edit that was
 *     refused, or one only a reload or a restart applies); empty where they agree
 */
public record SettingStatus(String key, String value, String origin, String pending) {
}
