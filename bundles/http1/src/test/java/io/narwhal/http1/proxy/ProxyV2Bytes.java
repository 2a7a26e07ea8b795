package io.narwhal.http1.proxy;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;

/** PROXY v2 headers built byte by byte, as a proxy sends them: each test changes the one byte it is about. */
public final class ProxyV2Bytes {
    private int versionCommand = 0x21;
    private int familyTransport = 0x11;
    private final ByteArrayOutputStream addresses = new ByteArrayOutputStream();
    private final ByteArrayOutputStream tlvs = new ByteArrayOutputStream();
    private Integer declaredLength;

    private ProxyV2Bytes() {
    }

    /** PROXY, TCP over IPv4 or IPv6 (by the source's family), from source:sourcePort to destination:destinationPort. */
    public static ProxyV2Bytes tcp(String source, int sourcePort, String destination, int destinationPort) {
        ProxyV2Bytes header = new ProxyV2Bytes();
        byte[] from = InetAddress.ofLiteral(source).getAddress();
        header.familyTransport = from.length == 4 ? 0x11 : 0x21;
        header.addresses.writeBytes(from);
        header.addresses.writeBytes(InetAddress.ofLiteral(destination).getAddress());
        header.port(sourcePort).port(destinationPort);
        return header;
    }

    /** LOCAL: the proxy's own connection (a health check), with IPv4 addresses it may still fill in. */
    public static ProxyV2Bytes local() {
        ProxyV2Bytes header = tcp("10.9.9.9", 1, "10.9.9.10", 2);
        header.versionCommand = 0x20;
        return header;
    }

    public ProxyV2Bytes versionCommand(int value) {
        versionCommand = value;
        return this;
    }

    public ProxyV2Bytes familyTransport(int value) {
        familyTransport = value;
        return this;
    }

    /** Replaces the address block. */
    public ProxyV2Bytes addresses(byte[] block) {
        addresses.reset();
        addresses.writeBytes(block);
        return this;
    }

    /** A TLV of this type and value, after the addresses (skipped by the reader). */
    public ProxyV2Bytes tlv(int type, byte[] value) {
        tlvs.write(type);
        tlvs.write(value.length >> 8);
        tlvs.write(value.length & 0xFF);
        tlvs.writeBytes(value);
        return this;
    }

    /** A length field that says this instead of the true length. */
    public ProxyV2Bytes declaredLength(int length) {
        declaredLength = length;
        return this;
    }

    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ProxyV2Parser.SIGNATURE);
        out.write(versionCommand);
        out.write(familyTransport);
        int length = declaredLength != null ? declaredLength : addresses.size() + tlvs.size();
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.writeBytes(addresses.toByteArray());
        out.writeBytes(tlvs.toByteArray());
        return out.toByteArray();
    }

    private ProxyV2Bytes port(int port) {
        addresses.write(port >> 8);
        addresses.write(port & 0xFF);
        return this;
    }
}
