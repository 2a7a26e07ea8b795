package io.narwhal.admin;

import io.narwhal.api.app.HttpApp;
import io.narwhal.api.app.HttpRequest;
import io.narwhal.api.app.HttpResponse;
import io.narwhal.api.server.Readiness;
import io.narwhal.api.server.Server;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The admin listener's endpoints: {@code /metrics} in Prometheus' text format; {@code /health/live} (the master's
 * loop answers) and {@code /health/ready} (it should get traffic), also as Kubernetes' {@code /livez} and
 * {@code /readyz}. A check answers 200, or 503 saying why, one reason a line.
 */
final class AdminRoutes implements HttpApp {
    /** A probe waits this long for the master's loop, which turns every 100 ms: longer means it is stuck. */
    static final Duration ANSWER_WITHIN = Duration.ofSeconds(2);
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final String ENDPOINTS = "/metrics, /health/live, /health/ready";

    private final Server server;
    private final Duration answerWithin;

    AdminRoutes(Server server) {
        this(server, ANSWER_WITHIN);
    }

    AdminRoutes(Server server, Duration answerWithin) {
        this.server = server;
        this.answerWithin = answerWithin;
    }

    @Override
    public void handle(HttpRequest request, HttpResponse response) throws IOException {
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            response.headers().set("Allow", "GET, HEAD");
            answer(response, 405, TEXT, request.method() + " is not served here; the endpoints take GET and HEAD\n");
            return;
        }
        switch (request.path()) {
            case "/metrics" -> metrics(response);
            case "/health/live", "/livez" -> live(response);
            case "/health/ready", "/readyz" -> ready(response);
            case "/" -> answer(response, 200, TEXT, "narwhal admin: " + ENDPOINTS + "\n");
            default -> answer(response, 404, TEXT, "no endpoint " + request.path() + " here: " + ENDPOINTS + "\n");
        }
    }

    private void metrics(HttpResponse response) throws IOException {
        Answer<String> text = ask(() -> PrometheusText.of(server.metrics()));
        if (text.failure != null) {
            answer(response, 503, TEXT, text.failure + "\n");
        } else {
            answer(response, 200, PrometheusText.CONTENT_TYPE, text.value);
        }
    }

    /** Live while the master's loop answers: a stuck or dead loop is what a restart would mend. */
    private void live(HttpResponse response) throws IOException {
        Answer<Readiness> readiness = ask(server::readiness);
        if (readiness.failure != null) {
            answer(response, 503, TEXT, readiness.failure + "\n");
        } else {
            answer(response, 200, TEXT, "live\n");
        }
    }

    private void ready(HttpResponse response) throws IOException {
        Answer<Readiness> readiness = ask(server::readiness);
        if (readiness.failure != null) {
            answer(response, 503, TEXT, readiness.failure + "\n");
        } else if (readiness.value.ready()) {
            answer(response, 200, TEXT, "ready\n");
        } else {
            answer(response, 503, TEXT, String.join("\n", readiness.value.reasons()) + "\n");
        }
    }

    /** What the master answered, or why it did not: a probe must answer in time, whatever the master does. */
    private record Answer<T>(T value, String failure) {
    }

    private <T> Answer<T> ask(Supplier<T> call) {
        CompletableFuture<T> reply = CompletableFuture.supplyAsync(call, task -> Thread.ofVirtual().start(task));
        try {
            return new Answer<>(reply.get(answerWithin.toMillis(), TimeUnit.MILLISECONDS), null);
        } catch (TimeoutException e) {
            return new Answer<>(null, "the master's loop did not answer within " + answerWithin.toMillis() + " ms");
        } catch (ExecutionException e) {
            return new Answer<>(null, "the master cannot answer: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer<>(null, "interrupted while waiting for the master");
        }
    }

    private static void answer(HttpResponse response, int status, String contentType, String body) throws IOException {
        response.status(status);
        response.headers().set("Content-Type", contentType);
        response.headers().set("Cache-Control", "no-store");
        response.send(body);
    }
}
