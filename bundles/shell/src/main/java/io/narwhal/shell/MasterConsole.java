package io.narwhal.shell;

import io.narwhal.launch.LaunchProperties;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code narwhal --console}: the master's own terminal takes command lines, as Karaf's console does, beside its log.
 * The end of input (Ctrl-D) or {@code exit} closes the console; the server runs on.
 */
@Component(immediate = true)
public final class MasterConsole {
    static final String PROMPT = "narwhal> ";

    @Reference
    private CommandProcessor processor;

    @Activate
    void activate(BundleContext context) {
        if (Boolean.parseBoolean(context.getProperty(LaunchProperties.CONSOLE))) {
            Thread.ofPlatform().daemon().name("narwhal-console")
                    .start(() -> run(processor, System.console(), System.in, System.out, System.err));
        }
    }

    /**
     * Reads and runs command lines until the end of input or {@code exit}: through the JDK's console where there is
     * one (bin/narwhal gives it line editing and history), else from {@code in}.
     */
    static void run(CommandProcessor processor, Console console, InputStream in, PrintStream out, PrintStream err) {
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        try (CommandSession session = CommandRunner.open(processor, in, out, err)) {
            out.println("narwhal console: narwhal:* commands (help lists every command); exit or Ctrl-D to close it");
            while (true) {
                String line;
                if (console != null) {
                    line = console.readLine(PROMPT);
                } else {
                    out.print(PROMPT);
                    out.flush();
                    line = lines.readLine();
                }
                if (line == null || line.strip().equals("exit")) {
                    out.println();
                    return;
                }
                if (!line.isBlank()) {
                    CommandRunner.run(session, line, err);
                }
            }
        } catch (IOException e) {
            err.println("narwhal console: cannot read the terminal: " + e.getMessage() + "; the console is closed");
        }
    }
}
