package io.narwhal.router;

import io.narwhal.api.app.HttpApp;
import io.narwhal.api.app.HttpRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** App services for tests: registered as a framework would, with a fresh service.id each. */
final class Apps {
    private static final AtomicLong NEXT_SERVICE_ID = new AtomicLong(100);

    private Apps() {
    }

    /** An app that answers with its own name, so a test sees which one was picked. */
    static HttpApp named(String name) {
        return (request, response) -> response.send(name);
    }

    static AppService service(String name, Object contextPath) {
        return service(name, contextPath, null, 0);
    }

    static AppService service(String name, Object contextPath, String host, int ranking) {
        return service(name, contextPath, host, ranking, named(name));
    }

    static AppService service(String name, Object contextPath, String host, int ranking, HttpApp app) {
        return service(NEXT_SERVICE_ID.get(), name, contextPath, host, ranking, app);
    }

    /** An app service of this bundle (by default each service is of a bundle of its own). */
    static AppService inBundle(long bundleId, String name, Object contextPath, HttpApp app) {
        return service(bundleId, name, contextPath, null, 0, app);
    }

    private static AppService service(long bundleId, String name, Object contextPath, String host, int ranking,
            HttpApp app) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("service.id", NEXT_SERVICE_ID.getAndIncrement());
        properties.put("service.ranking", ranking);
        properties.put(HttpApp.NAME, name);
        if (contextPath != null) {
            properties.put(HttpApp.CONTEXT_PATH, contextPath);
        }
        if (host != null) {
            properties.put(HttpApp.VIRTUAL_HOST, host);
        }
        return AppService.of(properties, bundleId, "test.bundle", app);
    }

    /** An app that remembers the last request it was handed. */
    static final class Recording implements HttpApp {
        final AtomicReference<HttpRequest> last = new AtomicReference<>();

        @Override
        public void handle(HttpRequest request, io.narwhal.api.app.HttpResponse response) throws Exception {
            last.set(request);
            response.send("recorded");
        }
    }
}
