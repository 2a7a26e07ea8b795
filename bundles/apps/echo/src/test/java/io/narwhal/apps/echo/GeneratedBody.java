package io.narwhal.apps.echo;

import java.io.InputStream;
import java.util.zip.CRC32;

/**
 * A request body of any length made up on the fly from a seed, so a test can upload a megabyte without
 * holding it, and know its checksum. Records the largest read asked of it.
 */
final class GeneratedBody extends InputStream {
    private final long length;
    private long position;
    private int largestRead;

    GeneratedBody(long length) {
        this.length = length;
    }

    static byte byteAt(long position) {
        return (byte) (position * 31 + (position >>> 8) * 7);
    }

    static long checksumOf(long length) {
        CRC32 crc = new CRC32();
        for (long i = 0; i < length; i++) {
            crc.update(byteAt(i));
        }
        return crc.getValue();
    }

    @Override
    public int read() {
        return position < length ? byteAt(position++) & 0xff : -1;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) {
        largestRead = Math.max(largestRead, count);
        if (position >= length) {
            return -1;
        }
        // Hand out odd-sized pieces, as a chunked body arrives, not whole buffers.
        int n = (int) Math.min(Math.min(count, 7_919), length - position);
        for (int i = 0; i < n; i++) {
            buffer[offset + i] = byteAt(position++);
        }
        return n;
    }

    int largestRead() {
        return largestRead;
    }
}
