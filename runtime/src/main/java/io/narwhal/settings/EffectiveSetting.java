package io.narwhal.settings;

/**
 * A setting as it takes effect, and where it came from.
 *
 * @param value as {@link ServerSettings#toMap} writes it
 */
public record EffectiveSetting(String key, String value, SettingOrigin origin) {
}
