package io.narwhal.shell;

import java.io.InputStream;
import java.io.PrintStream;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;

/** How narwhal-shell's connections and the master's console run a command line: one way, one set of statuses. */
final class CommandRunner {
    /** As a shell's: the command failed, or was refused. */
    static final int FAILED = 1;

    private CommandRunner() {
    }

    /** A Gogo session where narwhal's commands come first: "stop" is narwhal:stop, not felix:stop. */
    static CommandSession open(CommandProcessor processor, InputStream in, PrintStream out, PrintStream err) {
        CommandSession session = processor.createSession(in, out, err);
        session.put("SCOPE", "narwhal:*");
        return session;
    }

    /** Runs the line and prints what it answers, or why it failed on the session's error stream; its status. */
    static int run(CommandSession session, String line, PrintStream err) {
        try {
            Object result = session.execute(line);
            if (result != null) {
                CharSequence text = session.format(result, Converter.INSPECT);
                session.getConsole().print(text);
                if (text.length() > 0 && text.charAt(text.length() - 1) != '\n') {
                    session.getConsole().println();
                }
            }
            session.getConsole().flush();
            return 0;
        } catch (Exception e) {
            err.println(e.getMessage() != null ? e.getMessage() : e.toString());
            return FAILED;
        }
    }
}
