package io.narwhal.worker.host;

import io.narwhal.api.codec.HttpCodec;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The codecs registered beside HTTP/1.1, as they come and go, highest service ranking first. Read once per accepted
 * connection, so the list is rebuilt on a change, not per read.
 */
final class OtherCodecs extends ServiceTracker<HttpCodec, HttpCodec> implements Supplier<List<HttpCodec>> {
    /** Highest ranking first (a reference orders by ranking, then by age). */
    private final SortedMap<ServiceReference<HttpCodec>, HttpCodec> byRanking = new TreeMap<>(Comparator.reverseOrder());
    private volatile List<HttpCodec> current = List.of();

    OtherCodecs(BundleContext context, String fallbackProtocol) throws InvalidSyntaxException {
        super(context, context.createFilter("(&(" + Constants.OBJECTCLASS + "=" + HttpCodec.class.getName() + ")(!("
                + HttpCodec.PROTOCOL + "=" + fallbackProtocol + ")))"), null);
    }

    @Override
    public HttpCodec addingService(ServiceReference<HttpCodec> reference) {
        HttpCodec codec = super.addingService(reference);
        if (codec != null) {
            synchronized (byRanking) {
                byRanking.put(reference, codec);
                current = List.copyOf(byRanking.values());
            }
        }
        return codec;
    }

    @Override
    public void removedService(ServiceReference<HttpCodec> reference, HttpCodec codec) {
        synchronized (byRanking) {
            byRanking.remove(reference);
            current = List.copyOf(byRanking.values());
        }
        super.removedService(reference, codec);
    }

    @Override
    public List<HttpCodec> get() {
        return current;
    }
}
