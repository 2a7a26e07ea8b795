package io.narwhal.apps.hello;

import io.narwhal.api.app.HttpApp;
import io.narwhal.api.app.HttpRequest;
import io.narwhal.api.app.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.osgi.service.component.annotations.Component;

/** The smallest app: "Hello, World!" for GET and HEAD on any path under the root mount. */
@Component(service = HttpApp.class, property = {HttpApp.CONTEXT_PATH + "=/", HttpApp.NAME + "=hello"})
public final class HelloApp implements HttpApp {
    static final String CONTENT_TYPE = "text/plain; charset=utf-8";
    private static final byte[] GREETING = "Hello, World!".getBytes(StandardCharsets.US_ASCII);

    @Override
    public void handle(HttpRequest request, HttpResponse response) throws Exception {
        switch (request.method()) {
            // HEAD gets the same headers, Content-Length included; the codec leaves the body out.
            case "GET", "HEAD" -> {
                response.status(200);
                response.headers().set("Content-Type", CONTENT_TYPE);
                response.send(GREETING);
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
