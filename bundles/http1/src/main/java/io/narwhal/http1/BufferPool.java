package io.narwhal.http1;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Arrays of one size, shared by a codec's connections: a connection holds its large buffers only while it reads
 * or writes a request, so thousands of idle keep-alive connections hold none, and a busy worker reuses the same
 * few arrays instead of making garbage per connection. At most {@code retained} arrays wait here; more are dropped.
 */
final class BufferPool {
    private final int size;
    private final int retained;
    private final ConcurrentLinkedQueue<byte[]> free = new ConcurrentLinkedQueue<>();
    private final AtomicInteger freeCount = new AtomicInteger();

    BufferPool(int size, int retained) {
        this.size = size;
        this.retained = retained;
    }

    int size() {
        return size;
    }

    /** How many arrays wait here to be taken again. */
    int waiting() {
        return freeCount.get();
    }

    byte[] take() {
        byte[] array = free.poll();
        if (array == null) {
            return new byte[size];
        }
        freeCount.decrementAndGet();
        return array;
    }

    /** Hands an array back; one of another size (grown for a large head) is left to the garbage collector. */
    void give(byte[] array) {
        if (array.length == size && freeCount.incrementAndGet() <= retained) {
            free.offer(array);
        } else if (array.length == size) {
            freeCount.decrementAndGet();
        }
    }
}
