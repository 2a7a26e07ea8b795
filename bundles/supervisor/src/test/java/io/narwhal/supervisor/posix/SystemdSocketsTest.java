package io.narwhal.supervisor.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What the master does with systemd's sockets: datagrams to its notify socket, a check of the one it passed. */
@Timeout(30)
class SystemdSocketsTest {
    @TempDir
    Path tmp;

    private final List<Integer> fds = new ArrayList<>();

    @AfterEach
    void closeFds() throws IOException {
        for (int fd : fds) {
            Posix.close(fd);
        }
    }

    private int opened(int fd) {
        fds.add(fd);
        return fd;
    }

    @Test
    void sendsADatagramToASocketAtAPath() throws Throwable {
        String path = tmp.resolve("notify").toString();
        int receiver = opened(RawSockets.boundUnixSocket(RawSockets.SOCK_DGRAM, path));
        Posix.sendDatagram(path, "READY=1\nSTATUS=2 of 2 workers serving");
        assertEquals("READY=1\nSTATUS=2 of 2 workers serving", RawSockets.receiveWaiting(receiver));
    }

    @Test
    void sendsADatagramToAnAbstractName() throws Throwable {
        String name = "@narwhal-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        int receiver = opened(RawSockets.boundUnixSocket(RawSockets.SOCK_DGRAM, name));
        Posix.sendDatagram(name, "STOPPING=1");
        assertEquals("STOPPING=1", RawSockets.receiveWaiting(receiver));
    }

    @Test
    void aSocketNoOneListensOnIsAnError() {
        String path = tmp.resolve("nobody").toString();
        IOException e = assertThrows(IOException.class, () -> Posix.sendDatagram(path, "READY=1"));
        assertEquals("cannot send to " + path + ": No such file or directory", e.getMessage());
        IOException tooLong = assertThrows(IOException.class, () -> Posix.sendDatagram("/" + "x".repeat(107), "x"));
        assertTrue(tooLong.getMessage().startsWith("not a Unix socket address"), tooLong.getMessage());
    }

    @Test
    void theMonotonicClockIsTheOneNanoTimeReads() {
        // HotSpot's System.nanoTime is CLOCK_MONOTONIC on Linux: the two agree to the microsecond, in order.
        long before = System.nanoTime() / 1_000;
        long micros = Posix.monotonicMicros();
        long after = System.nanoTime() / 1_000;
        assertTrue(before <= micros && micros <= after, before + " <= " + micros + " <= " + after);
    }

    @Test
    void aListeningTcpSocketIsTakenWithItsAddress() throws IOException {
        int fd = opened(Posix.openListener(new InetSocketAddress("127.0.0.1", 0), 16));
        assertEquals(new InetSocketAddress("127.0.0.1", Posix.localPort(fd)), Posix.listeningTcpAddress(fd));
    }

    @Test
    void anythingButAListeningTcpSocketIsRefused_sayingWhatItIs() throws Throwable {
        int datagram = opened(RawSockets.socket(RawSockets.AF_UNIX, RawSockets.SOCK_DGRAM));
        assertEquals("fd " + datagram + " is not a stream socket", refusal(datagram));
        int notListening = opened(RawSockets.socket(RawSockets.AF_INET, RawSockets.SOCK_STREAM));
        assertEquals("fd " + notListening + " is a stream socket that does not listen", refusal(notListening));
        int unix = opened(RawSockets.boundUnixSocket(RawSockets.SOCK_STREAM, tmp.resolve("stream").toString()));
        RawSockets.listen(unix);
        assertEquals("fd " + unix + " is not a TCP socket (address family AF_UNIX)", refusal(unix));
        assertEquals("fd 1000 is not a socket: Bad file descriptor", refusal(1000));
    }

    private static String refusal(int fd) {
        return assertThrows(IOException.class, () -> Posix.listeningTcpAddress(fd)).getMessage();
    }
}
