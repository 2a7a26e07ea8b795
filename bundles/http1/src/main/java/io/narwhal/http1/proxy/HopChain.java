package io.narwhal.http1.proxy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.function.Predicate;

/**
 * The client behind a chain of proxies, as each appends the address it got the request from. Walked from the
 * nearest hop back, past every hop that is itself an allowed proxy: the first that is not is the client. What a
 * client wrote into the chain lies further left and is never reached; a hop is read only when the walk gets to it.
 */
final class HopChain {
    /** The hops of one header, nearest last; a hop is parsed (and found malformed) only when asked for. */
    interface Hops {
        int size();

        Node hop(int index) throws InvalidForwardingException;
    }

    private HopChain() {
    }

    /** The index of the client's hop: the nearest that is unknown or not allowed, or the farthest; -1 for no hops. */
    static int clientIndex(Hops hops, Predicate<InetAddress> allowed) throws InvalidForwardingException {
        for (int i = hops.size() - 1; i > 0; i--) {
            InetSocketAddress address = hops.hop(i).address();
            if (address == null || !allowed.test(address.getAddress())) {
                return i;
            }
        }
        return hops.size() == 0 ? -1 : 0;
    }

    /**
     * The client's address: its hop's, or for a client the chain does not name, the address of the allowed proxy that
     * said so (the next hop, or the peer for the nearest), the closest to the client that is known.
     */
    static InetSocketAddress clientAddress(Hops hops, int index, InetSocketAddress peer) throws InvalidForwardingException {
        if (index < 0) {
            return peer;
        }
        InetSocketAddress address = hops.hop(index).address();
        if (address != null) {
            return address;
        }
        return index + 1 < hops.size() ? hops.hop(index + 1).address() : peer;
    }
}
