package io.narwhal.api.codec;

/**
 * How strictly a codec holds requests to the protocol's grammar, named by the {@code http_compliance} setting.
 * A lenient mode names each rule it relaxes; the codec reports every relaxation it takes, so an operator sees
 * which clients need it.
 */
public enum HttpCompliance {
    /** The protocol as written (RFC 9112 and RFC 9110 for HTTP/1.1): anything else is refused with its reason. */
    STRICT,
    /**
     * What clients written against lenient servers send (Gunicorn tolerates each): the codec's documentation
     * lists the rules relaxed. Framing is never relaxed: what decides where a request ends stays strict.
     */
    LENIENT;

    /** The mode a setting's value names ("strict", "lenient"), or null for none. */
    public static HttpCompliance named(String name) {
        for (HttpCompliance mode : values()) {
            if (mode.settingValue().equals(name)) {
                return mode;
            }
        }
        return null;
    }

    /** How the {@code http_compliance} setting spells this mode. */
    public String settingValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
