package io.narwhal.supervisor;

import io.narwhal.settings.BindAddress;
import io.narwhal.settings.InvalidSettingException;
import io.narwhal.settings.ServerSettings;
import io.narwhal.supervisor.posix.ExitStatus;
import io.narwhal.supervisor.posix.Posix;
import io.narwhal.control.ControlMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The real host: a listening socket and worker JVMs through POSIX calls. */
final class PosixProcessHost implements ProcessHost {
    private static final Logger LOG = LoggerFactory.getLogger(PosixProcessHost.class);
    private static final int LISTEN_BACKLOG = 2048;
    private final WorkerCommand command;
    private int listenerFd = -1;
    /** Written by the arbiter's thread before its loop answers anyone; read by the shell's. */
    private volatile String listeningAt;

    PosixProcessHost(WorkerCommand command) {
        this.command = command;
    }

    /**
     * A socket systemd passed is handed to the workers as a bound one is: it is their fd 0, and spawning closes every
     * fd from 3 up, so fd 3 itself reaches no worker.
     */
    @Override
    public String listen(BindAddress bind) throws IOException {
        OptionalInt passed = SocketActivation.passedListener(System.getenv(), ProcessHandle.current().pid());
        if (passed.isPresent()) {
            int fd = passed.getAsInt();
            InetSocketAddress address;
            try {
                address = Posix.listeningTcpAddress(fd);
            } catch (IOException e) {
                throw new IOException("socket activation: " + e.getMessage(), e);
            }
            listenerFd = fd;
            BindAddress served = new BindAddress(address.getAddress().getHostAddress(), address.getPort());
            LOG.info("Socket activation: serving the socket systemd passed as fd {} ({}); the bind setting ({}) is not"
                    + " used", fd, served, bind);
            listeningAt = served.toString();
            return listeningAt;
        }
        try {
            listenerFd = Posix.openListener(bind.resolve(), LISTEN_BACKLOG);
        } catch (InvalidSettingException e) {
            throw new IOException(e.getMessage(), e);
        }
        listeningAt = bind.toString();
        return listeningAt;
    }

    /** Where the socket listens, as {@link #listen} returned it: the passed socket's address under socket activation. */
    String listeningAt() {
        return listeningAt;
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
        return Posix.spawn(command.executable(), command.argv(age, settings, maxRequests, apps, spare),
                WorkerCommand.environment(System.getenv()), listenerFd);
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
