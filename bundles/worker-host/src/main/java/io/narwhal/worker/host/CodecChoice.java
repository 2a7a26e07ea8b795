package io.narwhal.worker.host;

import io.narwhal.api.codec.ConnectionOptions;
import io.narwhal.api.codec.HttpCodec;
import io.narwhal.api.codec.HttpConnection;
import io.narwhal.api.codec.Transport;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The codec a worker type is given: the HTTP/1.1 codec, and, while other codecs are registered (a bundle bringing
 * HTTP/2 with prior knowledge, say), a choice among them by each new connection's first bytes. Codecs may come and
 * go while the worker serves: each connection is given the codecs registered when it was accepted.
 */
final class CodecChoice implements HttpCodec {
    private final HttpCodec fallback;
    private final Supplier<List<HttpCodec>> others;

    /**
     * @param fallback the HTTP/1.1 codec: a connection no other codec claims is its
     * @param others the other codecs registered now, in the order they are asked
     */
    CodecChoice(HttpCodec fallback, Supplier<List<HttpCodec>> others) {
        this.fallback = fallback;
        this.others = others;
    }

    @Override
    public HttpConnection open(Transport transport, ConnectionOptions options) {
        List<HttpCodec> candidates = others.get();
        if (candidates.isEmpty()) {
            return fallback.open(transport, options); // the usual case costs nothing
        }
        return new ChoosingConnection(transport, options, candidates, fallback);
    }

    @Override
    public Map<String, Long> leniencyCounts() {
        return fallback.leniencyCounts();
    }
}
