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
    private final ConnectionCounts counts;

    /**
     * @param fallback the HTTP/1.1 codec: a connection no other codec claims is its
     * @param others the other codecs registered now, in the order they are asked
     * @param counts where each connection opened is counted until it closes
     */
    CodecChoice(HttpCodec fallback, Supplier<List<HttpCodec>> others, ConnectionCounts counts) {
        this.fallback = fallback;
        this.others = others;
        this.counts = counts;
    }

    @Override
    public HttpConnection open(Transport transport, ConnectionOptions options) {
        List<HttpCodec> candidates = others.get();
        if (candidates.isEmpty()) {
            return counts.counted(fallback.open(transport, options)); // the usual case: no choosing
        }
        return counts.counted(new ChoosingConnection(transport, options, candidates, fallback));
    }

    @Override
    public Map<String, Long> leniencyCounts() {
        return fallback.leniencyCounts();
    }
}
