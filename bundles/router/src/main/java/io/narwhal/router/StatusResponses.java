package io.narwhal.router;

import io.narwhal.api.app.HttpResponse;
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
        response.send(status + " " + reason(status) + "\n");
    }

    static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 411 -> "Length Required";
            case 412 -> "Precondition Failed";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 415 -> "Unsupported Media Type";
            case 416 -> "Range Not Satisfiable";
            case 417 -> "Expectation Failed";
            case 421 -> "Misdirected Request";
            case 422 -> "Unprocessable Content";
            case 426 -> "Upgrade Required";
            case 428 -> "Precondition Required";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            case 505 -> "HTTP Version Not Supported";
            default -> status < 500 ? "Client Error" : "Server Error";
        };
    }
}
