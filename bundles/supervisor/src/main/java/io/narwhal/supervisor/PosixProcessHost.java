package io.narwhal.supervisor;

import io.narwhal.settings.BindAddress;
import io.narwhal.settings.InvalidSettingException;
import io.narwhal.settings.ServerSettings;
import io.narwhal.supervisor.posix.ExitStatus;
import io.narwhal.supervisor.posix.Posix;
import io.narwhal.control.ControlMessage;
import java.io.IOException;
import java.util.List;

/** The real host: a listening socket and worker JVMs through POSIX calls. */
final class PosixProcessHost implements ProcessHost {
    private static final int LISTEN_BACKLOG = 2048;
    private final WorkerCommand command;
    private int listenerFd = -1;

    PosixProcessHost(WorkerCommand command) {
        this.command = command;
    }

    @Override
    public void listen(BindAddress bind) throws IOException {
        try {
            listenerFd = Posix.openListener(bind.resolve(), LISTEN_BACKLOG);
        } catch (InvalidSettingException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public void closeListener() {
        if (listenerFd >= 0) {
            try {
                Posix.close(listenerFd);
            } catch (IOException e) {
                // closing is all we wanted; the fd is gone either way on Linux
            }
            listenerFd = -1;
        }
    }

    @Override
    public int spawnWorker(int age, ServerSettings settings, long maxRequests, List<ControlMessage.Deploy> apps,
            boolean spare) throws IOException {
        if (listenerFd < 0) {
            throw new IOException("no listening socket to hand to a worker");
        }
        return Posix.spawn(command.executable(), command.argv(age, settings, maxRequests, apps, spare), WorkerCommand.environment(), listenerFd);
    }

    @Override
    public ExitStatus pollExit(int pid) throws IOException {
        return Posix.waitNoHang(pid);
    }

    @Override
    public void signal(int pid, int signal) throws IOException {
        Posix.kill(pid, signal);
    }

    @Override
    public void workerGone(int age) {
        command.deleteStorage(age);
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }
}
