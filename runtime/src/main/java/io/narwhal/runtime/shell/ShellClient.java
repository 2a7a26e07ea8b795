package io.narwhal.runtime.shell;

import io.narwhal.launch.RuntimeDirectory;
import io.narwhal.launch.RuntimeDirectory.RunningMaster;
import io.narwhal.remote.ShellFrame;
import io.narwhal.remote.ShellSocket;
import java.io.BufferedReader;
import java.io.Console;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code narwhal-shell}: runs one command ({@code narwhal-shell workers}) or, with none, a session reading command
 * lines from the terminal, against the master running from this distribution, over its shell socket.
 */
public final class ShellClient {
    static final int FAILED = 1;
    static final int USAGE = 2;
    private static final String PROMPT = "narwhal> ";
    private static final String USAGE_TEXT = """
            usage: narwhal-shell [--json] [--pid PID] [COMMAND [ARGUMENT...]]

            Runs a Gogo command on the narwhal master running from this distribution (narwhal:workers, stats,
            listeners, apps, scale N, incr [N], decr [N], kill [--force] ID, reload, reopen, stop [--quick],
            deploy FILE, undeploy NAME; help lists every command). Without a command, reads command lines until
            end of input (exit or Ctrl-D on a terminal).

              --json      every command answers with one JSON value
              --pid PID   the master with this pid, where several run from this distribution
              -h, --help  this text
            """;

    private ShellClient() {
    }

    public static void main(String[] args) {
        System.exit(run(args, Path.of(System.getProperty("narwhal.home", ".")).toAbsolutePath().normalize()));
    }

    static int run(String[] args, Path home) {
        boolean json = false;
        Long pid = null;
        int i = 0;
        for (; i < args.length && args[i].startsWith("-"); i++) {
            switch (args[i]) {
                case "--json" -> json = true;
                case "--pid" -> {
                    if (i + 1 == args.length || !args[i + 1].matches("[0-9]+")) {
                        return usage("--pid takes a process id");
                    }
                    pid = Long.parseLong(args[++i]);
                }
                case "-h", "--help" -> {
                    System.out.print(USAGE_TEXT);
                    return 0;
                }
                default -> {
                    return usage("unknown option " + args[i]);
                }
            }
        }
        RunningMaster master;
        try {
            master = choose(home, pid);
        } catch (IllegalStateException e) {
            System.err.println("narwhal-shell: " + e.getMessage());
            return FAILED;
        }
        Path socket = ShellSocket.in(master.directory());
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            DataOutputStream out = new DataOutputStream(Channels.newOutputStream(channel));
            DataInputStream in = new DataInputStream(Channels.newInputStream(channel));
            ShellFrame.text(ShellFrame.Type.WORKING_DIRECTORY, Path.of("").toAbsolutePath().toString()).writeTo(out);
            if (json) {
                new ShellFrame(ShellFrame.Type.JSON, new byte[0]).writeTo(out);
            }
            if (i < args.length) {
                return command(CommandLineQuoting.join(List.of(args).subList(i, args.length)), out, in);
            }
            return session(out, in);
        } catch (IOException e) {
            System.err.println("narwhal-shell: cannot talk to the master (pid " + master.pid() + ") at " + socket
                    + ": " + e.getMessage());
            return FAILED;
        }
    }

    /** The master to talk to: the one running from this distribution, or the one of this pid. */
    private static RunningMaster choose(Path home, Long pid) {
        List<RunningMaster> running = RuntimeDirectory.running();
        List<RunningMaster> candidates = new ArrayList<>();
        for (RunningMaster master : running) {
            if (pid != null ? master.pid() == pid : master.home().equals(home)) {
                candidates.add(master);
            }
        }
        if (candidates.isEmpty()) {
            throw new IllegalStateException(pid != null ? "no narwhal master of yours runs with pid " + pid
                    : "no narwhal master of yours runs from " + home + " (start one with " + home.resolve("bin/narwhal") + ")");
        }
        if (candidates.size() > 1) {
            throw new IllegalStateException(candidates.size() + " narwhal masters run from " + home + " (pids "
                    + String.join(", ", candidates.stream().map(master -> Long.toString(master.pid())).toList())
                    + "): choose one with --pid");
        }
        RunningMaster master = candidates.getFirst();
        if (!Files.exists(ShellSocket.in(master.directory()))) {
            throw new IllegalStateException("the master (pid " + master.pid() + ") has no shell socket yet; it may"
                    + " be starting or stopping");
        }
        return master;
    }

    /**
     * Reads command lines until the end of input; the status of the last command. On a terminal, through the JDK's
     * console, which bin/narwhal-shell gives line editing and history (jdk.internal.le).
     */
    private static int session(DataOutputStream out, DataInputStream in) throws IOException {
        Console console = System.console();
        boolean terminal = console != null && console.isTerminal();
        BufferedReader lines = terminal ? null : new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        int status = 0;
        while (true) {
            String line = terminal ? console.readLine(PROMPT) : lines.readLine();
            if (line == null || line.strip().equals("exit")) {
                return status;
            }
            if (!line.isBlank()) {
                status = command(line, out, in);
            }
        }
    }

    /** Sends one command line and prints its answer; its exit status. */
    private static int command(String line, DataOutputStream out, DataInputStream in) throws IOException {
        ShellFrame.text(ShellFrame.Type.COMMAND, line).writeTo(out);
        for (ShellFrame frame = ShellFrame.readFrom(in); frame != null; frame = ShellFrame.readFrom(in)) {
            switch (frame.type()) {
                case OUT -> write(System.out, frame);
                case ERR -> write(System.err, frame);
                case EXIT -> {
                    return frame.status();
                }
                default -> throw new IOException("the master sent a " + frame.type() + " frame");
            }
        }
        throw new IOException("the master closed the connection before the command was done");
    }

    private static void write(PrintStream stream, ShellFrame frame) {
        stream.write(frame.payload(), 0, frame.payload().length);
        stream.flush();
    }

    private static int usage(String problem) {
        System.err.print("narwhal-shell: " + problem + "\n" + USAGE_TEXT);
        return USAGE;
    }
}
