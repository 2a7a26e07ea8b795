package io.narwhal.apps.hello;

import io.narwhal.api.app.HttpApp;
import io.narwhal.api.app.HttpRequest;
import io.narwhal.api.app.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;

/**
 * The smallest app: "Hello, World!" for GET and HEAD on any path under the root mount. Configured through Config
 * Admin, PID {@value #PID} (config/io.narwhal.apps.hello.cfg): {@code greeting} changes the text, and
 * {@code narwhal.app.context} moves it; each factory configuration (config/io.narwhal.apps.hello-NAME.cfg)
 * mounts one more greeter.
 */
@Component(service = HttpApp.class, configurationPid = HelloApp.PID,
        property = {HttpApp.CONTEXT_PATH + "=/", HttpApp.NAME + "=hello"})
public final class HelloApp implements HttpApp {
    static final String PID = "io.narwhal.apps.hello";
    static final String CONTENT_TYPE = "text/plain; charset=utf-8";
    private static final String DEFAULT_GREETING = "Hello, World!";

    private volatile byte[] greeting = DEFAULT_GREETING.getBytes(StandardCharsets.UTF_8);

    @Activate
    @Modified
    void configure(Map<String, Object> configuration) {
        Object configured = configuration.get("greeting");
        greeting = (configured == null ? DEFAULT_GREETING : configured.toString()).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void handle(HttpRequest request, HttpResponse response) throws Exception {
        switch (request.method()) {
            // HEAD gets the same headers, Content-Length included; the codec leaves the body out.
            case "GET", "HEAD" -> {
                response.status(200);
                response.headers().set("Content-Type", CONTENT_TYPE);
                response.send(greeting);
            }
            default -> {
                response.status(405);
                response.headers().set("Allow", "GET, HEAD");
                response.headers().set("Content-Type", CONTENT_TYPE);
                response.send("405 Method Not Allowed\n");
            }
        }
    }
}
