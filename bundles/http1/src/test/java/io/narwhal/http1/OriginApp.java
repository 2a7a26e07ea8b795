package io.narwhal.http1;

import io.narwhal.api.app.HttpApp;
import io.narwhal.api.app.HttpRequest;
import io.narwhal.api.app.HttpResponse;
import io.narwhal.http1.proxy.RequestOrigin;
import java.util.ArrayList;
import java.util.List;

/** An app that records where each request came from, as the codec tells apps, and answers 200 "ok". */
final class OriginApp implements HttpApp {
    final List<RequestOrigin> seen = new ArrayList<>();

    @Override
    public void handle(HttpRequest request, HttpResponse response) throws Exception {
        seen.add(new RequestOrigin(request.remoteAddress(), request.localAddress(), request.scheme(), request.host()));
        response.send("ok");
    }
}
