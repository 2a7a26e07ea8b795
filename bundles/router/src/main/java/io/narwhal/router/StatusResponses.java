package io.narwhal.router;

import io.narwhal.api.app.HttpResponse;
import io.narwhal.api.http.HttpStatus;
import java.io.IOException;

/** The router's own short text answers: 404 for unmapped paths, 500 for a failed app, an app's HttpException. */
final class StatusResponses {
    private StatusResponses() {
    }

    /**
     * Replaces whatever the app had set with "STATUS Reason\n" as text/plain: headers an app set for its own
     * body (a Content-Length above all) would be wrong for this one.
     */
    static void send(HttpResponse response, int status) throws IOException {
        response.headers().clear();
        response.status(status);
        response.headers().set("Content-Type", "text/plain; charset=utf-8");
        response.send(status + " " + HttpStatus.reasonPhrase(status) + "\n");
    }
}
