package io.narwhal.shell;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Job;
import org.apache.felix.service.command.JobListener;

/** What the commands use of a Gogo session: its variables and its working directory. */
final class FakeSession implements CommandSession {
    private final Map<String, Object> variables = new HashMap<>();
    private Path currentDir;

    FakeSession(Path currentDir) {
        this.currentDir = currentDir;
    }

    /** As narwhal-shell's --json sets it. */
    FakeSession json() {
        variables.put(NarwhalCommands.JSON_VARIABLE, Boolean.TRUE);
        return this;
    }

    @Override
    public Object get(String name) {
        return variables.get(name);
    }

    @Override
    public Object put(String name, Object value) {
        return variables.put(name, value);
    }

    @Override
    public Path currentDir() {
        return currentDir;
    }

    @Override
    public void currentDir(Path path) {
        currentDir = path;
    }

    @Override
    public ClassLoader classLoader() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void classLoader(ClassLoader classLoader) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Object execute(CharSequence commandline) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException();
    }

    @Override
    public InputStream getKeyboard() {
        throw new UnsupportedOperationException();
    }

    @Override
    public PrintStream getConsole() {
        throw new UnsupportedOperationException();
    }

    @Override
    public CharSequence format(Object target, int level) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Object convert(Class<?> type, Object instance) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Job> jobs() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Job foregroundJob() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setJobListener(JobListener listener) {
        throw new UnsupportedOperationException();
    }
}
