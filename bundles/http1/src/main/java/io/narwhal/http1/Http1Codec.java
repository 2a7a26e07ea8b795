package io.narwhal.http1;

import io.narwhal.api.codec.ConnectionOptions;
import io.narwhal.api.codec.HttpCodec;
import io.narwhal.api.codec.HttpConnection;
import io.narwhal.api.codec.Transport;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/** The HTTP/1.1 codec service (HTTP/1.0 requests included). Each connection keeps its own state; the codec
 * only counts the leniencies its connections took. */
@Component(service = HttpCodec.class, property = HttpCodec.PROTOCOL + "=" + Http1Codec.PROTOCOL_NAME)
public final class Http1Codec implements HttpCodec {
    static final String PROTOCOL_NAME = "http/1.1";

    private final LeniencyCounts leniencies = new LeniencyCounts();

    @Override
    public HttpConnection open(Transport transport, ConnectionOptions options) {
        if (transport == null || options == null) {
            throw new IllegalArgumentException("transport and options are required");
        }
        return new Http1Connection(transport, options, leniencies);
    }

    @Override
    public Map<String, Long> leniencyCounts() {
        return leniencies.snapshot();
    }
}
