package io.narwhal.runtime.worker;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Makes the kernel kill this worker when the master dies, so that no orphan JVM survives a master that
 * was SIGKILLed. The signal follows the master's spawning thread, which lives as long as the master.
 */
final class ParentDeath {
    private static final int PR_SET_PDEATHSIG = 1;
    private static final int SIGKILL = 9;

    private ParentDeath() {
    }

    /** Arms the parent-death signal; returns false when the master is already gone (it died before we armed). */
    static boolean arm(long expectedParent) throws Throwable {
        Linker linker = Linker.nativeLinker();
        MethodHandle prctl = linker.downcallHandle(linker.defaultLookup().find("prctl").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG),
                Linker.Option.firstVariadicArg(1));
        MethodHandle getppid = linker.downcallHandle(linker.defaultLookup().find("getppid").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT));
        int result = (int) prctl.invokeExact(PR_SET_PDEATHSIG, (long) SIGKILL);
        if (result != 0) {
            throw new IllegalStateException("prctl(PR_SET_PDEATHSIG) failed");
        }
        return (int) getppid.invokeExact() == expectedParent;
    }
}
