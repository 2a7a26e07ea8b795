package io.narwhal.http1;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import io.narwhal.api.app.HttpApp;
import io.narwhal.api.app.HttpRequest;
import io.narwhal.api.app.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/** An app that records every request it is given, reads its whole body, and answers 200 "ok". */
final class RecordingApp implements HttpApp {
    /** A request as the app saw it; field lines keep their order and the case of their names. */
    record Seen(String method, String target, String path, String query, String version, List<String> fields,
            String body) {
    }

    final List<Seen> seen = new ArrayList<>();

    @Override
    public void handle(HttpRequest request, HttpResponse response) throws Exception {
        seen.add(see(request));
        response.send("ok");
    }

    static Seen see(HttpRequest request) throws java.io.IOException {
        List<String> fields = new ArrayList<>();
        request.headers().forEach((name, value) -> fields.add(name + ": " + value));
        String body = new String(request.body().readAllBytes(), ISO_8859_1);
        if (request.body().read() != -1) {
            throw new AssertionError("body readable past its end");
        }
        return new Seen(request.method(), request.target(), request.path(), request.query(), request.version(),
                fields, body);
    }
}
