package io.narwhal.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.narwhal.api.server.SettingStatus;
import io.narwhal.launch.LaunchProperties;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;

class NarwhalCommandsTest {
    @TempDir
    Path temp;
    private Path deployDir;
    private Path workingDir;
    private final FakeServer server = new FakeServer();
    private final NarwhalCommands commands = new NarwhalCommands();
    private FakeSession text;
    private FakeSession json;

    @BeforeEach
    void activate() throws Exception {
        deployDir = Files.createDirectory(temp.resolve("deploy"));
        workingDir = Files.createDirectory(temp.resolve("work dir"));
        text = new FakeSession(workingDir);
        json = new FakeSession(workingDir).json();
        // As Declarative Services would: the reference injected into its field, then activate with the context.
        Field field = NarwhalCommands.class.getDeclaredField("server");
        field.setAccessible(true);
        field.set(commands, server);
        commands.activate(contextWithDeployDir(deployDir));
    }

    @Test
    void workersAnswersTheTableOrWithTheFlagOrTheSessionVariableJson() {
        assertEquals(StatusViews.workersText(server.status), commands.workers(text, false));
        String expected = Json.of(StatusViews.workersJson(server.status));
        assertEquals(expected, commands.workers(text, true));
        assertEquals(expected, commands.workers(json, false));
    }

    @Test
    void statsAnswersLinesOrJson() {
        assertEquals(StatusViews.statsText(server.status), commands.stats(text, false));
        assertEquals(Json.of(StatusViews.statsJson(server.status)), commands.stats(json, false));
    }

    @Test
    void appsAnswersTheTableOrJson() {
        assertEquals(StatusViews.appsText(server.status), commands.apps(text, false));
        assertEquals(Json.of(StatusViews.appsJson(server.status)), commands.apps(text, true));
    }

    @Test
    void listenersAreOneUrlALineOrAJsonListOfAddresses() {
        assertEquals("http://0.0.0.0:8000\nhttp://[::1]:8443\n", commands.listeners(text, false));
        assertEquals("[\"0.0.0.0:8000\",\"[::1]:8443\"]", commands.listeners(json, false));
    }

    @Test
    void scaleIncrAndDecrAnswerTheNewTarget() {
        assertEquals("target: 5 worker(s)\n", commands.scale(text, 5));
        assertEquals("target: 6 worker(s)\n", commands.incr(text));
        assertEquals("target: 9 worker(s)\n", commands.incr(text, 3));
        assertEquals("target: 8 worker(s)\n", commands.decr(text));
        assertEquals("{\"target\":1}", commands.decr(json, 20));
        assertEquals(List.of("scale 5", "increase 1", "increase 3", "decrease 1", "decrease 20"), server.calls);
    }

    @Test
    void killSaysWhetherTheWorkerRetiresOrIsKilled() {
        assertEquals("worker 3 retiring; the pool replaces it\n", commands.kill(text, false, 3));
        assertEquals("{\"done\":\"worker 4 killed; the pool replaces it\"}", commands.kill(json, true, 4));
        assertEquals(List.of("kill 3", "kill 4 force"), server.calls);
    }

    @Test
    void reloadReopenAndStopSayWhatIsUnderWay() {
        assertEquals("reloading: every worker is replaced, each once its successor serves\n", commands.reload(text));
        assertEquals("log files reopened\n", commands.reopen(text));
        assertEquals("graceful stop under way\n", commands.stop(text, false));
        assertEquals("{\"done\":\"quick stop under way\"}", commands.stop(json, true));
        assertEquals(List.of("reload", "reopenLogs", "stop graceful", "stop quick"), server.calls);
    }

    @Test
    void aCommandTheServerRefusesFailsWithItsReason() {
        server.refusal = new IllegalArgumentException("no worker 99");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> commands.kill(text, false, 99));
        assertSame(server.refusal, e);
    }

    @Test
    void deployResolvesTheFileAgainstTheSessionsDirectoryAndCopiesIt() throws IOException {
        Files.writeString(workingDir.resolve("hello.jar"), "jar");

        assertEquals("hello.jar copied into " + deployDir
                + ": every worker takes it within seconds (narwhal:apps shows it)\n", commands.deploy(text, "hello.jar"));
        assertEquals("jar", Files.readString(deployDir.resolve("hello.jar")));
    }

    @Test
    void deployInJsonSaysDoneWithTheSameMessage() throws IOException {
        Path jar = Files.writeString(temp.resolve("echo.jar"), "jar");

        assertEquals("{\"done\":\"echo.jar copied into " + deployDir
                + ": every worker takes it within seconds (narwhal:apps shows it)\"}", commands.deploy(json, jar.toString()));
    }

    @Test
    void deployOfAMissingFileNamesItAsResolved() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> commands.deploy(text, "missing.jar"));
        assertEquals("no such file: " + workingDir.resolve("missing.jar"), e.getMessage());
    }

    @Test
    void undeployRemovesTheJarAndSaysFromWhere() throws IOException {
        Files.writeString(deployDir.resolve("hello.jar"), "jar");

        assertEquals("hello.jar removed from " + deployDir + ": every worker uninstalls it\n",
                commands.undeploy(text, "hello"));
        assertFalse(Files.exists(deployDir.resolve("hello.jar")));
    }

    @Test
    void undeployOfAnAbsentAppIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> commands.undeploy(text, "hello.jar"));
        assertEquals("no app hello.jar in " + deployDir, e.getMessage());
    }

    @Test
    void configListsTheSettingsAsATableOrJson() {
        server.settings = List.of(new SettingStatus("workers", "4", "command line", ""));
        assertEquals("KEY      VALUE  ORIGIN\nworkers  4      command line\n", commands.config(text, false));
        assertEquals("[{\"key\":\"workers\",\"value\":\"4\",\"origin\":\"command line\",\"pending\":\"\"}]",
                commands.config(json, false));
    }

    @Test
    void configSetAppliesAndSaysWhereTheValueIsKept() {
        assertEquals("timeout = 60: applied, and kept in config/narwhal.server.cfg\n",
                commands.config(text, "set", "timeout", "60"));
        assertEquals("{\"key\":\"timeout\",\"value\":\"61\",\"origin\":\"config/narwhal.server.cfg\",\"pending\":\"\"}",
                commands.config(json, "set", "timeout", "61"));
        assertEquals(List.of("configure timeout=60", "configure timeout=61"), server.calls);
    }

    @Test
    void configWithAnotherVerbIsRefusedAndChangesNothing() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> commands.config(text, "get", "timeout", "60"));
        assertEquals("narwhal:config takes no argument, or: set KEY VALUE (not get)", e.getMessage());
        assertEquals(List.of(), server.calls);
    }

    private static BundleContext contextWithDeployDir(Path dir) {
        return (BundleContext) Proxy.newProxyInstance(NarwhalCommandsTest.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getProperty") && LaunchProperties.DEPLOY_DIR.equals(args[0])) {
                        return dir.toString();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
