package io.narwhal.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where the master sends statsd metrics, named as Gunicorn's settings: statsd_host (HOST:PORT, UDP; empty for off),
 * statsd_prefix (put before every name, a dot after it) and dogstatsd_tags (DogStatsD tags added to every line).
 *
 * @param host where to send, or null for off
 * @param prefix as written; {@link #namePrefix()} is what goes before a name
 * @param tags each {@code key:value} or bare tag, in the order written
 */
public record StatsdSettings(BindAddress host, String prefix, List<String> tags) {
    public StatsdSettings {
        tags = List.copyOf(tags);
    }

    static StatsdSettings parse(Map<String, String> values) throws InvalidSettingException {
        return new StatsdSettings(host(values.get(ServerSettings.STATSD_HOST)), values.get(ServerSettings.STATSD_PREFIX),
                tags(values.get(ServerSettings.DOGSTATSD_TAGS)));
    }

    /** The prefix with one dot after it (as Gunicorn makes it), or nothing. */
    public String namePrefix() {
        String trimmed = prefix.replaceAll("\\.+$", "");
        return trimmed.isEmpty() ? "" : trimmed + ".";
    }

    void writeTo(Map<String, String> map) {
        map.put(ServerSettings.STATSD_HOST, host == null ? "" : host.toString());
        map.put(ServerSettings.STATSD_PREFIX, prefix);
        map.put(ServerSettings.DOGSTATSD_TAGS, String.join(",", tags));
    }

    /** HOST:PORT with the port given: statsd has no port Narwhal could assume for it. */
    private static BindAddress host(String value) throws InvalidSettingException {
        if (value.isEmpty()) {
            return null;
        }
        if (value.startsWith("unix:")) {
            throw new InvalidSettingException("invalid " + ServerSettings.STATSD_HOST + " '" + value
                    + "': only HOST:PORT (UDP) is supported");
        }
        BindAddress host = BindAddress.parse(ServerSettings.STATSD_HOST, value);
        if (!value.matches(".*:\\d+$")) {
            throw new InvalidSettingException("invalid " + ServerSettings.STATSD_HOST + " '" + value
                    + "': give the port, as localhost:8125");
        }
        return host;
    }

    /** Comma-separated; a tag may not hold what ends one in the DogStatsD format ('|', ',', '#') or a space. */
    private static List<String> tags(String value) throws InvalidSettingException {
        List<String> tags = new ArrayList<>();
        if (value.isBlank()) {
            return tags;
        }
        for (String tag : value.split(",", -1)) {
            String trimmed = tag.strip();
            if (trimmed.isEmpty() || !trimmed.matches("[^|,#\\s]+")) {
                throw new InvalidSettingException("invalid " + ServerSettings.DOGSTATSD_TAGS + " '" + value
                        + "': '" + trimmed + "' is not a tag (key:value or a word, no spaces, '|' or '#')");
            }
            tags.add(trimmed);
        }
        return tags;
    }
}
