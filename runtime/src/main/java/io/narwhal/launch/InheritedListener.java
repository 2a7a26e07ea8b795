package io.narwhal.launch;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * The listening socket a worker inherits from the master as its fd 0. A worker that accepts no more lets go of it by
 * pointing fd 0 at /dev/null: closing the JDK's channel for it ({@code System.inheritedChannel()}) would point stdout
 * and stderr at /dev/null as well, and every line the worker logs after that would be lost.
 */
public final class InheritedListener {
    private static final int LISTENER_FD = 0;
    private static final int O_RDWR = 2;

    private InheritedListener() {
    }

    /** Drops this process's handle on the shared socket; the channel object stays, on /dev/null. */
    public static void release() throws IOException {
        Linker linker = Linker.nativeLinker();
        MethodHandle open = linker.downcallHandle(function(linker, "open"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(2));
        MethodHandle dup2 = linker.downcallHandle(function(linker, "dup2"),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
        MethodHandle close = linker.downcallHandle(function(linker, "close"), FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        try (Arena arena = Arena.ofConfined()) {
            int devNull = (int) open.invokeExact(arena.allocateFrom("/dev/null"), O_RDWR, 0);
            if (devNull < 0) {
                throw new IOException("cannot open /dev/null to release the inherited listener");
            }
            try {
                if ((int) dup2.invokeExact(devNull, LISTENER_FD) < 0) {
                    throw new IOException("cannot point fd 0 at /dev/null to release the inherited listener");
                }
            } finally {
                int closed = (int) close.invokeExact(devNull);
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException("cannot release the inherited listener", e);
        }
    }

    private static MemorySegment function(Linker linker, String name) {
        return linker.defaultLookup().find(name).orElseThrow(() -> new IllegalStateException("no " + name + " in libc"));
    }
}
