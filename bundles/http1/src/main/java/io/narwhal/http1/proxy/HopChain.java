package io.narwhal.http1.proxy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The client behind a chain of proxies, as each appends the address it got the request from. Walked from the
 * nearest hop back, past every hop that is itself an allowed proxy: the first that is not is the client. What a
 * client wrote into the chain lies further left and is never reached; a hop is parsed only when the walk gets to it.
 *
 * @param <T> what one entry of the header is parsed into
 */
final class HopChain<T> {
    interface Parser<T> {
        T parse(String entry) throws InvalidForwardingException;
    }

    private final List<String> entries;
    private final Parser<T> parser;
    private final Function<T, Node> hop;
    private final Map<Integer, T> parsed = new HashMap<>();

    /**
     * @param entries the header's entries, nearest last
     * @param hop the hop an entry names
     */
    HopChain(List<String> entries, Parser<T> parser, Function<T, Node> hop) {
        this.entries = entries;
        this.parser = parser;
        this.hop = hop;
    }

    /** The index of the client's entry: the nearest that is unknown or not allowed, or the farthest; -1 for none. */
    int clientIndex(Predicate<InetAddress> allowed) throws InvalidForwardingException {
        for (int i = entries.size() - 1; i > 0; i--) {
            InetSocketAddress address = address(i);
            if (address == null || !allowed.test(address.getAddress())) {
                return i;
            }
        }
        return entries.isEmpty() ? -1 : 0;
    }

    /**
     * The client's address: its entry's, or for a client the chain does not name, the address of the allowed proxy
     * that said so (the next entry's, or the peer's for the nearest): the closest to the client that is known.
     */
    InetSocketAddress clientAddress(int index, InetSocketAddress peer) throws InvalidForwardingException {
        if (index < 0) {
            return peer;
        }
        InetSocketAddress address = address(index);
        if (address != null) {
            return address;
        }
        return index + 1 < entries.size() ? address(index + 1) : peer;
    }

    /** The entry at this index, parsed once. */
    T entry(int index) throws InvalidForwardingException {
        T entry = parsed.get(index);
        if (entry == null) {
            entry = parser.parse(entries.get(index));
            parsed.put(index, entry);
        }
        return entry;
    }

    private InetSocketAddress address(int index) throws InvalidForwardingException {
        return hop.apply(entry(index)).address();
    }
}
