package io.narwhal.router;

import io.narwhal.api.app.HttpResponse;
import io.narwhal.api.http.HttpStatus;
import java.io.IOException;
import java.time.Duration;

/** The router's own short text answers: 404 for unmapped paths, 500 for a failed app, an app's HttpException. */
final class StatusResponses {
    private StatusResponses() {
    }

    /**
     * Replaces whatever the app had set with "STATUS Reason\n" as text/plain: headers an app set for its own
     * body (a Content-Length above all) would be wrong for this one.
     */
    static void send(HttpResponse response, int status) throws IOException {
        prepare(response, status);
        response.send(status + " " + HttpStatus.reasonPhrase(status) + "\n");
    }

    /** The status with the rule that refused the request: "400 Bad Request: encoded slash (%2F) in path\n". */
    static void send(HttpResponse response, int status, String reason) throws IOException {
        prepare(response, status);
        response.send(status + " " + HttpStatus.reasonPhrase(status) + ": " + reason + "\n");
    }

    /** 503 for a request whose app was being replaced for longer than it may wait. */
    static void sendRetryLater(HttpResponse response, Duration waited) throws IOException {
        prepare(response, 503);
        response.headers().set("Retry-After", "1");
        response.send("503 " + HttpStatus.reasonPhrase(503) + ": the app is being redeployed (waited "
                + waited.toSeconds() + " s)\n");
    }

    private static void prepare(HttpResponse response, int status) {
        response.headers().clear();
        response.status(status);
        response.headers().set("Content-Type", "text/plain; charset=utf-8");
    }
}
