package io.narwhal.api.codec;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Turns the bytes of one connection into requests for a handler, and the handler's responses back into
 * bytes. Registered as a service with {@link #PROTOCOL}. Nothing else in Narwhal parses HTTP.
 */
@ProviderType
public interface HttpCodec {
    /** Service property naming the protocol, e.g. "http/1.1". */
    String PROTOCOL = "narwhal.codec.protocol";

    /** Starts speaking the protocol on a freshly accepted connection. */
    HttpConnection open(Transport transport, ConnectionOptions options);

    /**
     * How many times each leniency of a lenient {@link HttpCompliance} mode was taken since the codec started, by
     * the leniency's name; empty when none was (and always under the strict mode).
     */
    default java.util.Map<String, Long> leniencyCounts() {
        return java.util.Map.of();
    }
}
