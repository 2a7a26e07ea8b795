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
     * Whether a connection that began with these bytes speaks this codec's protocol. With several codecs registered
     * (HTTP/2 with prior knowledge, say, beside HTTP/1.1), a worker reads a new connection's first bytes and gives it
     * to the first codec that answers MATCH; one that no codec claims goes to the HTTP/1.1 codec, which therefore
     * never needs to answer (its default is NO_MATCH). A codec answers NEED_MORE while its signature could still
     * follow; a worker gives up waiting at {@link #FIRST_BYTES_LIMIT} bytes, the connection's end, or its head deadline.
     *
     * @param firstBytes what has arrived so far, from its position to its limit; not to be kept or changed
     */
    default FirstBytes matchFirstBytes(java.nio.ByteBuffer firstBytes) {
        return FirstBytes.NO_MATCH;
    }

    /** The most first bytes a codec may need to see to tell ({@link FirstBytes#NEED_MORE} past them means no). */
    int FIRST_BYTES_LIMIT = 64;

    /**
     * How many times each leniency of a lenient {@link HttpCompliance} mode was taken since the codec started, by
     * the leniency's name; empty when none was (and always under the strict mode).
     */
    default java.util.Map<String, Long> leniencyCounts() {
        return java.util.Map.of();
    }
}
