package io.narwhal.http1;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import io.narwhal.api.http.Headers;

/**
 * One response as the client saw it.
 *
 * @param chunked whether its body came in chunked coding (body holds the decoded bytes)
 */
record RawResponse(String statusLine, int status, Headers headers, byte[] body, boolean chunked) {
    String bodyText() {
        return new String(body, ISO_8859_1);
    }

    String header(String name) {
        return headers.first(name);
    }

    boolean closes() {
        return headers.containsToken("Connection", "close");
    }
}
