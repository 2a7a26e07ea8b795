package io.narwhal.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** errorlog through the appender logback.xml names, as the master and a worker apply and reopen it. */
class ErrorLogTest {
    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(ErrorLogTest.class);
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private ErrorLogAppender appender;

    @BeforeEach
    void appenderAsLogbackXmlHasIt() {
        LoggerContext context = root.getLoggerContext();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("[%level] %msg%n");
        encoder.start();
        appender = new ErrorLogAppender();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.start();
        root.addAppender(appender);
    }

    @AfterEach
    void detach() {
        ErrorLog.apply("-");
        root.detachAppender(appender);
        appender.stop();
    }

    @Test
    void linesGoToTheFileThenAfterARotationAndUsr1ToTheNewOne(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("error.log");
        Path rotated = dir.resolve("error.log.1");
        LOG.info("on stderr");
        ErrorLog.apply(log.toString());
        LOG.info("one");
        Files.move(log, rotated);
        LOG.info("two");
        ErrorLog.reopen();
        LOG.warn("three");
        assertEquals(List.of("[INFO] one", "[INFO] two"), Files.readAllLines(rotated));
        assertEquals(List.of("[WARN] three"), Files.readAllLines(log));
    }

    @Test
    void applyingTheSameFileAgainKeepsItAndADashGoesBackToStderr(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("error.log");
        ErrorLog.apply(log.toString());
        LOG.info("one");
        ErrorLog.apply(log.toString());
        LOG.info("two");
        ErrorLog.apply("-");
        LOG.info("on stderr");
        assertEquals(List.of("[INFO] one", "[INFO] two"), Files.readAllLines(log));
    }

    @Test
    void aFileThatCannotBeOpenedLeavesTheLinesWhereTheyWentAndSaysSo(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("error.log");
        Path unwritable = dir.resolve("no-such-folder/error.log");
        ErrorLog.apply(log.toString());
        ErrorLog.apply(unwritable.toString());
        LOG.info("still here");
        List<String> lines = Files.readAllLines(log);
        assertEquals(2, lines.size(), lines.toString());
        assertEquals("[ERROR] errorlog: cannot append to " + unwritable + " (java.io.FileNotFoundException: " + unwritable
                + " (No such file or directory)); logging on where it did", lines.get(0));
        assertEquals("[INFO] still here", lines.get(1));
    }
}
