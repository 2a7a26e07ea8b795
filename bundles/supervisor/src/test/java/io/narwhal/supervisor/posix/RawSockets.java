package io.narwhal.supervisor.posix;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;

/**
 * The other side of what Posix does, for its tests: sockets the JDK cannot make (Unix datagrams, a Unix stream
 * listener, a stream socket that does not listen), as raw fds. Linux values; a failed call is an IOException.
 */
final class RawSockets {
    static final int AF_UNIX = 1, AF_INET = 2, SOCK_STREAM = 1, SOCK_DGRAM = 2;
    private static final int MSG_DONTWAIT = 0x40;
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle SOCKET = handle("socket", JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT);
    private static final MethodHandle BIND = handle("bind", JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT);
    private static final MethodHandle LISTEN = handle("listen", JAVA_INT, JAVA_INT, JAVA_INT);
    private static final MethodHandle RECV = handle("recv", JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT);

    private RawSockets() {
    }

    static int socket(int family, int type) throws Throwable {
        return check((int) SOCKET.invokeExact(family, type, 0), "socket");
    }

    /** A Unix socket bound at a path, or at an abstract name given as "@name". */
    static int boundUnixSocket(int type, String address) throws Throwable {
        int fd = socket(AF_UNIX, type);
        byte[] name = (address.startsWith("@") ? "\0" + address.substring(1) : address + "\0")
                .getBytes(StandardCharsets.UTF_8);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment sockaddr = arena.allocate(2L + name.length, 2);
            sockaddr.set(JAVA_SHORT, 0, (short) AF_UNIX);
            MemorySegment.copy(name, 0, sockaddr, JAVA_BYTE, 2, name.length);
            check((int) BIND.invokeExact(fd, sockaddr, (int) sockaddr.byteSize()), "bind " + address);
        }
        return fd;
    }

    static void listen(int fd) throws Throwable {
        check((int) LISTEN.invokeExact(fd, 16), "listen");
    }

    /** The datagram waiting on {@code fd}; a send to a local Unix socket is queued before sendto returns. */
    static String receiveWaiting(int fd) throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(4096);
            long length = (long) RECV.invokeExact(fd, buffer, buffer.byteSize(), MSG_DONTWAIT);
            check((int) length, "recv: no datagram waiting");
            return new String(buffer.asSlice(0, length).toArray(JAVA_BYTE), StandardCharsets.UTF_8);
        }
    }

    private static int check(int result, String what) throws IOException {
        if (result < 0) {
            throw new IOException(what + " failed");
        }
        return result;
    }

    private static MethodHandle handle(String name, java.lang.foreign.MemoryLayout result,
            java.lang.foreign.MemoryLayout... args) {
        return LINKER.downcallHandle(LINKER.defaultLookup().findOrThrow(name), FunctionDescriptor.of(result, args));
    }
}
