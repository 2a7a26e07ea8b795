package io.narwhal.http1.proxy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * PROXY protocol version 2: a 12-byte signature, version and command, address family and transport, the length of
 * what follows (big-endian), the addresses, then TLVs, which are skipped.
 */
final class ProxyV2Parser {
    static final byte[] SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    static final int FIXED_LENGTH = 16;
    /**
     * The most bytes after the fixed part this server reads: addresses and the TLVs proxies send (SSL details, an
     * id) are far less, and the whole header must fit in the connection's input buffer.
     */
    static final int MAX_VARIABLE_LENGTH = 4096;

    private static final int LOCAL = 0x0;
    private static final int PROXY = 0x1;
    private static final int UNSPEC = 0x0;
    private static final int INET = 0x1;
    private static final int INET6 = 0x2;
    private static final int UNIX = 0x3;
    private static final int STREAM = 0x1;
    private static final int DGRAM = 0x2;

    private ProxyV2Parser() {
    }

    /** @return null while the header is incomplete; the caller has checked the signature */
    static ProxyHeader.Parsed parse(byte[] bytes, int from, int to) throws MalformedProxyHeaderException {
        if (to - from < FIXED_LENGTH) {
            return null;
        }
        int version = (bytes[from + 12] & 0xF0) >> 4;
        int command = bytes[from + 12] & 0x0F;
        int family = (bytes[from + 13] & 0xF0) >> 4;
        int transport = bytes[from + 13] & 0x0F;
        int length = (bytes[from + 14] & 0xFF) << 8 | bytes[from + 15] & 0xFF;
        if (version != 2) {
            throw new MalformedProxyHeaderException("PROXY v2 version is " + version + ", not 2");
        }
        if (command != LOCAL && command != PROXY) {
            throw new MalformedProxyHeaderException("PROXY v2 command " + command + " is neither LOCAL (0) nor PROXY (1)");
        }
        if (family > UNIX) {
            throw new MalformedProxyHeaderException("PROXY v2 address family " + family + " is not UNSPEC, INET, INET6 or UNIX");
        }
        if (transport > DGRAM) {
            throw new MalformedProxyHeaderException("PROXY v2 transport " + transport + " is not UNSPEC, STREAM or DGRAM");
        }
        if (length > MAX_VARIABLE_LENGTH) {
            throw new MalformedProxyHeaderException("PROXY v2 header declares " + length + " bytes after its first "
                    + FIXED_LENGTH + "; at most " + MAX_VARIABLE_LENGTH + " are read");
        }
        if (to - from < FIXED_LENGTH + length) {
            return null;
        }
        ProxyHeader header = command == LOCAL ? ProxyHeader.LOCAL
                : addresses(family, transport, Arrays.copyOfRange(bytes, from + FIXED_LENGTH, from + FIXED_LENGTH + length));
        return new ProxyHeader.Parsed(header, FIXED_LENGTH + length);
    }

    private static ProxyHeader addresses(int family, int transport, byte[] block) throws MalformedProxyHeaderException {
        if (family == UNSPEC || family == UNIX) {
            return ProxyHeader.UNKNOWN; // no IP to name: the receiver keeps the connection's own, as the spec says
        }
        if (transport != STREAM) {
            throw new MalformedProxyHeaderException("PROXY v2 transport is " + (transport == DGRAM ? "DGRAM (UDP)" : "UNSPEC")
                    + ", but HTTP/1.1 runs over STREAM (TCP)");
        }
        int size = family == INET ? 4 : 16;
        if (block.length < 2 * size + 4) {
            throw new MalformedProxyHeaderException("PROXY v2 " + (family == INET ? "INET" : "INET6") + " addresses need "
                    + (2 * size + 4) + " bytes, the header has " + block.length);
        }
        return ProxyHeader.proxied(address(block, 0, size, 2 * size), address(block, size, size, 2 * size + 2));
    }

    private static InetSocketAddress address(byte[] block, int offset, int size, int portOffset) {
        try {
            InetAddress address = InetAddress.getByAddress(Arrays.copyOfRange(block, offset, offset + size));
            return new InetSocketAddress(address, (block[portOffset] & 0xFF) << 8 | block[portOffset + 1] & 0xFF);
        } catch (UnknownHostException e) {
            throw new AssertionError("an address of 4 or 16 bytes", e);
        }
    }
}
