package io.narwhal.api.codec;

import java.net.InetAddress;

/**
 * An IPv4 or IPv6 network: an address and how many of its leading bits an address must share to be in it
 * (CIDR). A full-length prefix is one address; a zero-length prefix is every address of that family.
 */
public record IpNetwork(InetAddress address, int prefixLength) {
    public IpNetwork {
        if (address == null) {
            throw new IllegalArgumentException("address");
        }
        int bits = address.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " is not from 0 to " + bits);
        }
    }

    /** The network of this one address. */
    public static IpNetwork of(InetAddress address) {
        return new IpNetwork(address, address.getAddress().length * 8);
    }

    /** Whether the address is in this network; an address of the other family never is. */
    public boolean contains(InetAddress candidate) {
        byte[] network = address.getAddress();
        byte[] other = candidate.getAddress();
        if (other.length != network.length) {
            return false;
        }
        int whole = prefixLength / 8;
        for (int i = 0; i < whole; i++) {
            if (network[i] != other[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xFF << (8 - rest);
        return ((network[whole] ^ other[whole]) & mask) == 0;
    }

    @Override
    public String toString() {
        return address.getHostAddress() + "/" + prefixLength;
    }
}
