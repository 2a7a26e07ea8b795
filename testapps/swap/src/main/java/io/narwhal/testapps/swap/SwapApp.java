package io.narwhal.testapps.swap;

import io.narwhal.api.app.HttpApp;
import io.narwhal.api.app.HttpRequest;
import io.narwhal.api.app.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Properties;
import org.osgi.annotation.bundle.Header;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers {@code swap VERSION} with the worker's PID in {@code X-Swap-Pid}, so a test sees which revision of
 * which worker served it. {@code GET /swap/slow?ms=N} sleeps, then answers through a class it loads only then:
 * run on a revision whose wiring is gone, that load fails. {@code /swap/echo} echoes the body without
 * try-with-resources. Its mode makes it fail in each way a deploy must survive.
 */
@Header(name = Constants.BUNDLE_ACTIVATOR, value = "${@class}")
public final class SwapApp implements BundleActivator, HttpApp {
    private static final Logger LOG = LoggerFactory.getLogger(SwapApp.class);
    /** Set on a request thread and never removed, in mode thread-local: it pins this revision's class loader. */
    private static final ThreadLocal<Marker> LEFT_BEHIND = new ThreadLocal<>();

    private String version;
    private String mode;
    private ServiceRegistration<HttpApp> registration;

    @Override
    public void start(BundleContext context) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = SwapApp.class.getResourceAsStream("/swap.properties")) {
            properties.load(in);
        }
        version = properties.getProperty("version");
        mode = properties.getProperty("mode");
        switch (mode) {
            case "fail-start" -> throw new IllegalStateException("swap " + version + " was told to fail its start");
            case "thread" -> Thread.ofPlatform().daemon().name("swap-leaker-" + version).start(SwapApp::idleForever);
            default -> { }
        }
        if (!mode.equals("no-app")) {
            Dictionary<String, Object> service = new Hashtable<>();
            service.put(CONTEXT_PATH, properties.getProperty("context"));
            service.put(NAME, "swap");
            registration = context.registerService(HttpApp.class, this, service);
        }
    }

    @Override
    public void stop(BundleContext context) {
        if (registration != null) {
            registration.unregister();
        }
    }

    @Override
    public void handle(HttpRequest request, HttpResponse response) throws Exception {
        if (mode.equals("fail-requests")) {
            throw new IllegalStateException("swap " + version + " was told to fail every request");
        }
        if (mode.equals("thread-local")) {
            LEFT_BEHIND.set(new Marker());
        }
        response.headers().set("X-Swap-Pid", Long.toString(ProcessHandle.current().pid()));
        if (request.pathInfo().equals("/echo")) {
            echoWithoutClosingOnFailure(request, response);
            return;
        }
        if (request.pathInfo().equals("/slow")) {
            long millis = Long.parseLong(request.query().substring("ms=".length()));
            LOG.info("swap {}: slow request started ({} ms)", version, millis);
            Thread.sleep(millis);
            response.send(SlowAnswer.text(version));
            return;
        }
        response.send("swap " + version);
    }

    /** Echo's loop without try-with-resources: a failed read leaves the response stream open. */
    private static void echoWithoutClosingOnFailure(HttpRequest request, HttpResponse response) throws IOException {
        OutputStream out = response.body();
        byte[] buffer = new byte[4096];
        for (int n = request.body().read(buffer); n >= 0; n = request.body().read(buffer)) {
            out.write(buffer, 0, n);
        }
        out.close();
    }

    private static void idleForever() {
        try {
            while (true) {
                Thread.sleep(60_000);
            }
        } catch (InterruptedException e) {
            LOG.info("swap leaker thread interrupted; ending");
        }
    }

    private static final class Marker {
    }
}
