package io.narwhal.supervisor.posix;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.lang.foreign.AddressLayout;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The master's few system calls, made through {@code java.lang.foreign}: a listening socket as a
 * raw fd (which the JDK does not hand out), or a check of one systemd passed, {@code posix_spawn}
 * giving that socket to a worker as its fd 0, {@code waitpid} on our own children only,
 * {@code kill}, and a datagram to systemd's notify socket (JDK channels have no Unix datagrams).
 *
 * <p>Linux with glibc 2.34+ ({@code posix_spawn_file_actions_addclosefrom_np}), x86_64 or aarch64:
 * the constants below are the asm-generic values both share. Each call allocates in a confined
 * arena of its own, so nothing native outlives it but the fds and processes it returns.
 */
public final class Posix {

    public static final int SIGHUP = 1, SIGINT = 2, SIGQUIT = 3, SIGKILL = 9, SIGUSR1 = 10,
            SIGUSR2 = 12, SIGPIPE = 13, SIGTERM = 15, SIGCHLD = 17, SIGTTIN = 21, SIGTTOU = 22;

    /** errno of a bind to a port someone else holds. */
    public static final int EADDRINUSE = 98;

    /** Linux signals 1-31, the same numbers on x86_64 and aarch64. */
    private static final String[] SIGNAL_NAMES = {null, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP",
        "SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM",
        "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
        "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS"};

    /** Signals a JVM master handles or may ignore: the worker starts with their default action. */
    private static final int[] DEFAULT_IN_CHILD =
            {SIGTERM, SIGINT, SIGHUP, SIGUSR1, SIGUSR2, SIGTTIN, SIGTTOU, SIGCHLD, SIGPIPE};

    private static final int ESRCH = 3, EINTR = 4;
    private static final int AF_UNIX = 1, AF_INET = 2, AF_INET6 = 10;
    private static final int SOCK_STREAM = 1, SOCK_DGRAM = 2, SOCK_CLOEXEC = 0x80000, MSG_NOSIGNAL = 0x4000;
    private static final int SOL_SOCKET = 1, SO_REUSEADDR = 2, SO_TYPE = 3, SO_ACCEPTCONN = 30, WNOHANG = 1;
    private static final int CLOCK_MONOTONIC = 1;
    /** sockaddr_un's sun_path, NUL included for a path (an abstract name has none). */
    private static final int SUN_PATH_SIZE = 108;
    private static final short POSIX_SPAWN_SETSIGDEF = 0x04, POSIX_SPAWN_SETSIGMASK = 0x08;
    // Opaque glibc types, 80 and 336 bytes on x86_64 and aarch64: allocated with room to spare.
    private static final long FILE_ACTIONS_SIZE = 128, SPAWNATTR_SIZE = 512;
    private static final long SIGSET_SIZE = 128, SOCKADDR_STORAGE_SIZE = 128;

    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
    private static final AddressLayout PTR = ValueLayout.ADDRESS;
    /** Ports and addresses travel in network byte order; sa_family in host order. */
    private static final ValueLayout.OfShort NET_SHORT = JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN);

    private static final Linker LINKER = Linker.nativeLinker();
    /** errno is captured by the downcall itself: the JVM may overwrite it before Java code looks. */
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    // Calls that fail with -1 and errno: their handles take a call-state segment first.
    private static final MethodHandle SOCKET = withErrno("socket", INT, INT, INT, INT);
    private static final MethodHandle SETSOCKOPT = withErrno("setsockopt", INT, INT, INT, INT, PTR, INT);
    private static final MethodHandle BIND = withErrno("bind", INT, INT, PTR, INT);
    private static final MethodHandle LISTEN = withErrno("listen", INT, INT, INT);
    private static final MethodHandle GETSOCKNAME = withErrno("getsockname", INT, INT, PTR, PTR);
    private static final MethodHandle GETSOCKOPT = withErrno("getsockopt", INT, INT, INT, INT, PTR, PTR);
    private static final MethodHandle SENDTO = withErrno("sendto", JAVA_LONG, INT, PTR, JAVA_LONG, INT, PTR, INT);
    private static final MethodHandle CLOCK_GETTIME = withErrno("clock_gettime", INT, INT, PTR);
    private static final MethodHandle CLOSE = withErrno("close", INT, INT);
    private static final MethodHandle WAITPID = withErrno("waitpid", INT, INT, PTR, INT);
    private static final MethodHandle KILL = withErrno("kill", INT, INT, INT);
    // The posix_spawn family returns the error number itself and leaves errno alone.
    private static final MethodHandle SPAWN = plain("posix_spawn", INT, PTR, PTR, PTR, PTR, PTR, PTR);
    private static final MethodHandle ACTIONS_INIT = plain("posix_spawn_file_actions_init", INT, PTR);
    private static final MethodHandle ACTIONS_DESTROY = plain("posix_spawn_file_actions_destroy", INT, PTR);
    private static final MethodHandle ACTIONS_DUP2 = plain("posix_spawn_file_actions_adddup2", INT, PTR, INT, INT);
    private static final MethodHandle ACTIONS_CLOSEFROM =
            plain("posix_spawn_file_actions_addclosefrom_np", INT, PTR, INT);
    private static final MethodHandle ATTR_INIT = plain("posix_spawnattr_init", INT, PTR);
    private static final MethodHandle ATTR_DESTROY = plain("posix_spawnattr_destroy", INT, PTR);
    private static final MethodHandle ATTR_SETFLAGS = plain("posix_spawnattr_setflags", INT, PTR, JAVA_SHORT);
    private static final MethodHandle ATTR_SETSIGMASK = plain("posix_spawnattr_setsigmask", INT, PTR, PTR);
    private static final MethodHandle ATTR_SETSIGDEFAULT = plain("posix_spawnattr_setsigdefault", INT, PTR, PTR);
    private static final MethodHandle SIGEMPTYSET = plain("sigemptyset", INT, PTR);
    private static final MethodHandle SIGADDSET = plain("sigaddset", INT, PTR, INT);
    // strerrordesc_np (glibc 2.32+) rather than strerror: English whatever locale the JVM set
    // (logs stay greppable), and no buffer shared between threads.
    private static final MethodHandle SIGNAL = plain("signal", PTR, INT, PTR);
    private static final MethodHandle STRERRORDESC = plain("strerrordesc_np", PTR, INT);

    private Posix() {}

    /**
     * socket, SO_REUSEADDR, bind, listen: a blocking, close-on-exec listening socket; IPv6 keeps the
     * system's IPV6_V6ONLY default. Returns the fd; on failure nothing is left open.
     */
    public static int openListener(InetSocketAddress address, int backlog) throws IOException {
        if (address.isUnresolved()) {
            throw new IOException("cannot bind " + address.getHostString() + ":" + address.getPort()
                    + ": host name not resolved");
        }
        String where = describe(address);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            MemorySegment sockaddr = sockaddr(arena, address);
            int family = address.getAddress() instanceof Inet6Address ? AF_INET6 : AF_INET;
            int fd = call(SOCKET, state, family, SOCK_STREAM | SOCK_CLOEXEC, 0);
            if (fd < 0) {
                throw failure("cannot create a socket for " + where, state);
            }
            boolean done = false;
            try {
                MemorySegment one = arena.allocateFrom(INT, 1);
                if (call(SETSOCKOPT, state, fd, SOL_SOCKET, SO_REUSEADDR, one, (int) one.byteSize()) < 0) {
                    throw failure("cannot set SO_REUSEADDR for " + where, state);
                }
                if (call(BIND, state, fd, sockaddr, (int) sockaddr.byteSize()) < 0) {
                    throw failure("cannot bind " + where, state);
                }
                if (call(LISTEN, state, fd, backlog) < 0) {
                    throw failure("cannot listen on " + where, state);
                }
                done = true;
                return fd;
            } finally {
                if (!done) {
                    call(CLOSE, state, fd); // errno of the real failure was read already
                }
            }
        }
    }

    /** The port a socket is bound to: what the kernel picked after a bind to port 0. */
    public static int localPort(int fd) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            return Short.toUnsignedInt(socketName(arena, fd).get(NET_SHORT, 2)); // same offset in _in and _in6
        }
    }

    /**
     * The address of {@code fd}, checked to be a listening TCP socket (IPv4 or IPv6), as systemd's socket
     * activation passes one; anything else is refused, saying what it is instead.
     */
    public static InetSocketAddress listeningTcpAddress(int fd) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            if (socketOption(arena, fd, SO_TYPE) != SOCK_STREAM) {
                throw new IOException("fd " + fd + " is not a stream socket");
            }
            if (socketOption(arena, fd, SO_ACCEPTCONN) == 0) {
                throw new IOException("fd " + fd + " is a stream socket that does not listen");
            }
            MemorySegment name = socketName(arena, fd);
            int family = name.get(JAVA_SHORT, 0);
            if (family != AF_INET && family != AF_INET6) {
                throw new IOException("fd " + fd + " is not a TCP socket (address family "
                        + (family == AF_UNIX ? "AF_UNIX" : Integer.toString(family)) + ")");
            }
            boolean v6 = family == AF_INET6;
            byte[] ip = name.asSlice(v6 ? 8 : 4, v6 ? 16 : 4).toArray(JAVA_BYTE);
            int scope = v6 ? name.get(INT, 24) : 0;
            InetAddress address = scope != 0 ? Inet6Address.getByAddress(null, ip, scope) : InetAddress.getByAddress(ip);
            return new InetSocketAddress(address, Short.toUnsignedInt(name.get(NET_SHORT, 2)));
        }
    }

    /**
     * Sends one datagram to a Unix datagram socket, from a socket of its own (opened and closed here, as
     * sd_notify does): {@code socketAddress} is a path, or an abstract name written with a leading '@', as
     * systemd's NOTIFY_SOCKET gives it.
     */
    public static void sendDatagram(String socketAddress, String message) throws IOException {
        String what = "cannot send to " + socketAddress;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            MemorySegment address = unixAddress(arena, socketAddress);
            byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
            MemorySegment data = arena.allocateFrom(JAVA_BYTE, bytes);
            int fd = call(SOCKET, state, AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
            if (fd < 0) {
                throw failure(what, state);
            }
            try {
                // MSG_NOSIGNAL: a peer gone must be an error here, never a SIGPIPE for the master.
                long sent = (long) invoke(SENDTO, state, fd, data, (long) bytes.length, MSG_NOSIGNAL, address,
                        (int) address.byteSize());
                if (sent < 0) {
                    throw failure(what, state);
                }
            } finally {
                call(CLOSE, state, fd); // errno of a failed send was read already
            }
        }
    }

    /** CLOCK_MONOTONIC in microseconds, the clock of systemd's MONOTONIC_USEC. */
    public static long monotonicMicros() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            MemorySegment timespec = arena.allocate(JAVA_LONG, 2); // tv_sec, tv_nsec: 64-bit on both ABIs
            if (call(CLOCK_GETTIME, state, CLOCK_MONOTONIC, timespec) < 0) {
                throw new IllegalStateException("clock_gettime(CLOCK_MONOTONIC): " + describeErrno(errno(state)));
            }
            return timespec.getAtIndex(JAVA_LONG, 0) * 1_000_000 + timespec.getAtIndex(JAVA_LONG, 1) / 1_000;
        }
    }

    /**
     * Starts {@code executable} (an absolute path: no PATH search) with {@code stdinFd} as its fd 0,
     * the master's fds 1 and 2, and no other fd of the master; with an empty signal mask and the
     * default action for the signals a master handles. {@code env} holds "NAME=value" entries.
     * Returns the pid.
     */
    public static int spawn(String executable, List<String> argv, List<String> env, int stdinFd) throws IOException {
        String what = "cannot spawn " + executable;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment path = cString(arena, executable);
            MemorySegment argvArray = cStrings(arena, argv);
            MemorySegment envArray = cStrings(arena, env);
            MemorySegment actions = arena.allocate(FILE_ACTIONS_SIZE, 16);
            MemorySegment attr = arena.allocate(SPAWNATTR_SIZE, 16);
            check(call(ACTIONS_INIT, actions), what);
            try {
                check(call(ATTR_INIT, attr), what);
                try {
                    // Run in order: dup2 (which also clears FD_CLOEXEC on the new fd 0), then close
                    // every fd from 3 up, stdinFd itself included.
                    check(call(ACTIONS_DUP2, actions, stdinFd, 0), what + ": cannot pass fd " + stdinFd);
                    check(call(ACTIONS_CLOSEFROM, actions, 3), what);
                    // Java threads block some signals (SIGQUIT at least) and an ignored signal stays
                    // ignored across exec: the child gets neither.
                    check(call(ATTR_SETSIGMASK, attr, sigset(arena)), what);
                    check(call(ATTR_SETSIGDEFAULT, attr, sigset(arena, DEFAULT_IN_CHILD)), what);
                    check(call(ATTR_SETFLAGS, attr, (short) (POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)), what);
                    MemorySegment pid = arena.allocate(INT);
                    // glibc reports a failed exec (ENOENT, EACCES...) here too, the child reaped.
                    check(call(SPAWN, pid, path, actions, attr, argvArray, envArray), what);
                    return pid.get(INT, 0);
                } finally {
                    call(ATTR_DESTROY, attr);
                }
            } finally {
                call(ACTIONS_DESTROY, actions); // frees what the add* calls malloc'd
            }
        }
    }

    /** The exit status of child {@code pid}, reaping it, or null while it runs. Never blocks. */
    public static ExitStatus waitNoHang(int pid) throws IOException {
        return waitpid(pid, WNOHANG);
    }

    /** Blocks until child {@code pid} ends, and reaps it. */
    public static ExitStatus waitFor(int pid) throws IOException {
        return waitpid(pid, 0);
    }

    /** Sends {@code signal}; false when the process is already gone (ESRCH). */
    /**
     * Gives a signal its default action back. A shell starts background jobs with SIGINT ignored, and the
     * JVM then refuses to handle it: reset it first so the master obeys INT however it was started.
     */
    public static void restoreDefaultAction(int signal) {
        try {
            MemorySegment previous = (MemorySegment) SIGNAL.invokeWithArguments(signal, MemorySegment.NULL);
            if (previous.address() == -1L) {
                throw new IllegalArgumentException("signal(" + signalName(signal) + ") refused");
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    public static boolean kill(int pid, int signal) throws IOException {
        requirePid(pid); // kill(0) and kill(-1) would signal our process group, or everything we own
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            if (call(KILL, state, pid, signal) == 0) {
                return true;
            }
            if (errno(state) == ESRCH) {
                return false;
            }
            throw failure("cannot send " + signalName(signal) + " to process " + pid, state);
        }
    }

    public static void close(int fd) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            // On Linux the fd is gone even when close reports EINTR: never retry it.
            if (call(CLOSE, state, fd) < 0 && errno(state) != EINTR) {
                throw failure("cannot close fd " + fd, state);
            }
        }
    }

    /** "SIGKILL" for 9; "signal 42" for a number without a name. */
    public static String signalName(int signal) {
        return signal > 0 && signal < SIGNAL_NAMES.length ? SIGNAL_NAMES[signal] : "signal " + signal;
    }

    private static ExitStatus waitpid(int pid, int options) throws IOException {
        requirePid(pid); // waitpid(-1) or (0) would steal the status of children the JDK started
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CALL_STATE);
            MemorySegment status = arena.allocate(INT);
            while (true) {
                int result = call(WAITPID, state, pid, status, options);
                if (result == 0) {
                    return null; // WNOHANG, still running
                }
                if (result < 0) {
                    if (errno(state) == EINTR) {
                        continue;
                    }
                    throw failure("cannot wait for process " + pid, state); // ECHILD: not ours, or reaped
                }
                // Linux's W* macros: low 7 bits 0 = exited, code in bits 8-15; 0x7f = stopped
                // (reported only with WUNTRACED, which we never pass); otherwise the signal.
                int s = status.get(INT, 0);
                int low = s & 0x7f;
                if (low == 0) {
                    return ExitStatus.exited((s >> 8) & 0xff);
                }
                if (low != 0x7f) {
                    return ExitStatus.killedBy(low);
                }
                if (options == WNOHANG) {
                    return null;
                }
            }
        }
    }

    private static MemorySegment sockaddr(Arena arena, InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        byte[] bytes = ip.getAddress(); // network byte order already
        // sockaddr_in: family(2) port(2) addr(4) zero(8); sockaddr_in6: family(2) port(2)
        // flowinfo(4) addr(16) scope_id(4, host order). The arena hands out zeroed memory.
        boolean v6 = ip instanceof Inet6Address;
        MemorySegment sa = arena.allocate(v6 ? 28 : 16, 8);
        sa.set(JAVA_SHORT, 0, (short) (v6 ? AF_INET6 : AF_INET));
        sa.set(NET_SHORT, 2, (short) address.getPort());
        MemorySegment.copy(bytes, 0, sa, JAVA_BYTE, v6 ? 8 : 4, bytes.length);
        if (v6) {
            sa.set(INT, 24, ((Inet6Address) ip).getScopeId());
        }
        return sa;
    }

    private static String describe(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        String host = ip.getHostAddress();
        return (ip instanceof Inet6Address ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /** getsockname into a sockaddr_storage. */
    private static MemorySegment socketName(Arena arena, int fd) throws IOException {
        MemorySegment state = arena.allocate(CALL_STATE);
        MemorySegment storage = arena.allocate(SOCKADDR_STORAGE_SIZE, 8);
        MemorySegment length = arena.allocateFrom(INT, (int) SOCKADDR_STORAGE_SIZE);
        if (call(GETSOCKNAME, state, fd, storage, length) < 0) {
            throw failure("cannot read the address of fd " + fd, state);
        }
        return storage;
    }

    /** An int option of SOL_SOCKET; ENOTSOCK and EBADF say "not a socket" and "not open". */
    private static int socketOption(Arena arena, int fd, int option) throws IOException {
        MemorySegment state = arena.allocate(CALL_STATE);
        MemorySegment value = arena.allocate(INT);
        MemorySegment length = arena.allocateFrom(INT, (int) INT.byteSize());
        if (call(GETSOCKOPT, state, fd, SOL_SOCKET, option, value, length) < 0) {
            throw failure("fd " + fd + " is not a socket", state);
        }
        return value.get(INT, 0);
    }

    /** sockaddr_un: family(2) sun_path(108). An abstract name starts with NUL and has no NUL at its end. */
    private static MemorySegment unixAddress(Arena arena, String socketAddress) throws IOException {
        boolean abstractName = socketAddress.startsWith("@");
        byte[] name = (abstractName ? "\0" + socketAddress.substring(1) : socketAddress + "\0")
                .getBytes(StandardCharsets.UTF_8);
        if (name.length > SUN_PATH_SIZE || socketAddress.length() < 2 || socketAddress.indexOf('\0') >= 0) {
            throw new IOException("not a Unix socket address (a path or @name of at most "
                    + (SUN_PATH_SIZE - 1) + " bytes): " + socketAddress.replace('\0', '?'));
        }
        MemorySegment address = arena.allocate(2L + name.length, 2);
        address.set(JAVA_SHORT, 0, (short) AF_UNIX);
        MemorySegment.copy(name, 0, address, JAVA_BYTE, 2, name.length);
        return address;
    }

    private static MemorySegment sigset(Arena arena, int... signals) {
        MemorySegment set = arena.allocate(SIGSET_SIZE, 8);
        call(SIGEMPTYSET, set);
        for (int signal : signals) {
            if (call(SIGADDSET, set, signal) != 0) {
                throw new IllegalArgumentException("not a signal: " + signal);
            }
        }
        return set;
    }

    private static MemorySegment cString(Arena arena, String s) {
        if (s.indexOf('\0') >= 0) { // C would silently cut the string there
            throw new IllegalArgumentException("NUL character in " + s.replace('\0', '?'));
        }
        return arena.allocateFrom(s);
    }

    /** A NULL-terminated char*[], as argv and envp want it. */
    private static MemorySegment cStrings(Arena arena, List<String> strings) {
        MemorySegment array = arena.allocate(PTR, strings.size() + 1L);
        for (int i = 0; i < strings.size(); i++) {
            array.setAtIndex(PTR, i, cString(arena, strings.get(i)));
        }
        array.setAtIndex(PTR, strings.size(), MemorySegment.NULL);
        return array;
    }

    private static void requirePid(int pid) {
        if (pid <= 0) {
            throw new IllegalArgumentException("not a single process id: " + pid);
        }
    }

    private static void check(int error, String what) throws PosixException {
        if (error != 0) {
            throw new PosixException(what + ": " + describeErrno(error), error);
        }
    }

    private static PosixException failure(String what, MemorySegment state) {
        int errno = errno(state);
        return new PosixException(what + ": " + describeErrno(errno), errno);
    }

    private static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    private static String describeErrno(int errno) {
        MemorySegment text = (MemorySegment) invoke(STRERRORDESC, errno);
        return text.equals(MemorySegment.NULL) ? "errno " + errno : text.reinterpret(Long.MAX_VALUE).getString(0);
    }

    private static int call(MethodHandle handle, Object... args) {
        return (int) invoke(handle, args);
    }

    // invokeWithArguments, not invokeExact: the master makes a few calls a second, and one generic
    // path reads better than exact casts at every call site.
    private static Object invoke(MethodHandle handle, Object... args) {
        try {
            return handle.invokeWithArguments(args);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t); // downcalls throw nothing checked
        }
    }

    private static MethodHandle withErrno(String name, MemoryLayout result, MemoryLayout... args) {
        return LINKER.downcallHandle(symbol(name), FunctionDescriptor.of(result, args),
                Linker.Option.captureCallState("errno"));
    }

    private static MethodHandle plain(String name, MemoryLayout result, MemoryLayout... args) {
        return LINKER.downcallHandle(symbol(name), FunctionDescriptor.of(result, args));
    }

    private static MemorySegment symbol(String name) {
        return LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name + " (glibc 2.34+ needed)"));
    }
}
