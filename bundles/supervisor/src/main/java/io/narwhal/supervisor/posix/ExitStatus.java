package io.narwhal.supervisor.posix;

/**
 * How a child process ended, decoded from a Linux wait status: it exited with {@code code}, or a
 * signal killed it ({@code signal} non-zero, {@code code} then meaningless and 0).
 */
public record ExitStatus(int code, int signal) {

    public ExitStatus {
        if (code < 0 || code > 255 || signal < 0 || signal > 127 || (signal != 0 && code != 0)) {
            throw new IllegalArgumentException("not an exit status: code " + code + ", signal " + signal);
        }
    }

    public static ExitStatus exited(int code) {
        return new ExitStatus(code, 0);
    }

    public static ExitStatus killedBy(int signal) {
        if (signal == 0) {
            throw new IllegalArgumentException("signal 0 kills nothing");
        }
        return new ExitStatus(0, signal);
    }

    public boolean isKilled() {
        return signal != 0;
    }

    /** "exited with code 3" or "killed by SIGKILL", as the master logs it. */
    @Override
    public String toString() {
        return isKilled() ? "killed by " + Posix.signalName(signal) : "exited with code " + code;
    }
}
