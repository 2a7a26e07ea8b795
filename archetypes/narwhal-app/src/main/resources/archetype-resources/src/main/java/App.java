package ${package};

import io.narwhal.api.app.HttpApp;
import io.narwhal.api.app.HttpRequest;
import io.narwhal.api.app.HttpResponse;
import java.io.IOException;
import org.osgi.service.component.annotations.Component;

/**
 * The app: the router mounts it at ${contextPath}, its service property, and hands it every request under
 * that path. This package is not exported, so nothing wires to the bundle and a redeploy replaces it alone.
 */
@Component(service = HttpApp.class, property = {HttpApp.CONTEXT_PATH + "=${contextPath}", HttpApp.NAME + "=${artifactId}"})
public final class App implements HttpApp {
    @Override
    public void handle(HttpRequest request, HttpResponse response) throws IOException {
        response.headers().set("Content-Type", "text/plain; charset=utf-8");
        response.send("Hello from ${artifactId}!\n");
    }
}
