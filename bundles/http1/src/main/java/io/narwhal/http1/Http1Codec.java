package io.narwhal.http1;

import io.narwhal.api.codec.ConnectionOptions;
import io.narwhal.api.codec.HttpCodec;
import io.narwhal.api.codec.HttpConnection;
import io.narwhal.api.codec.RequestLimits;
import io.narwhal.api.codec.Transport;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Component;

/** The HTTP/1.1 codec service (HTTP/1.0 requests included). Each connection keeps its own state; the codec
 * only counts the leniencies its connections took. */
@Component(service = HttpCodec.class, property = HttpCodec.PROTOCOL + "=" + Http1Codec.PROTOCOL_NAME)
public final class Http1Codec implements HttpCodec {
    static final String PROTOCOL_NAME = "http/1.1";

    /** Arrays a connection only holds while it reads a long head or a body, or writes a response. */
    private static final int RETAINED_BUFFERS = 256;

    private final LeniencyCounts leniencies = new LeniencyCounts();
    private final BufferPool responseBuffers = new BufferPool(Http1Connection.OUTPUT_BUFFER_SIZE, RETAINED_BUFFERS);
    /** Input arrays per size: the size follows the request limits, which each connection's options give. */
    private final ConcurrentHashMap<Integer, BufferPool> requestBuffers =
            new ConcurrentHashMap<>();

    @Override
    public HttpConnection open(Transport transport, ConnectionOptions options) {
        if (transport == null || options == null) {
            throw new IllegalArgumentException("transport and options are required");
        }
        BufferPool input = requestBuffers.computeIfAbsent(Http1Connection.inputBufferSize(options.limits()),
                size -> new BufferPool(size, RETAINED_BUFFERS));
        return new Http1Connection(ChannelStreams.of(transport), options, leniencies, input, responseBuffers);
    }

    /** The response arrays and the default-limits request arrays waiting in this codec's pools (tests). */
    int[] pooledBuffers() {
        BufferPool input = requestBuffers.get(Http1Connection.inputBufferSize(RequestLimits.GUNICORN_DEFAULTS));
        return new int[] {input == null ? 0 : input.waiting(), responseBuffers.waiting()};
    }

    @Override
    public Map<String, Long> leniencyCounts() {
        return leniencies.snapshot();
    }
}
