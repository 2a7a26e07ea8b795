package io.narwhal.apps.echo;

import io.narwhal.api.app.HttpApp;
import io.narwhal.api.app.HttpRequest;
import io.narwhal.api.app.HttpResponse;
import io.narwhal.api.http.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import org.osgi.service.component.annotations.Component;

/**
 * Answers every request with what it received: method, target and header fields as X-Echo-* headers, where it
 * came from as the server believes it (X-Echo-Remote, X-Echo-Scheme, X-Echo-Host), and the body byte for byte.
 * The body is streamed through a fixed buffer, so an upload of any size is echoed without being held in memory;
 * that makes it the app the codec's streaming is tested with. A request offering the {@code narwhal-echo}
 * upgrade is switched to it: after the 101, every byte the client sends comes back, until it closes.
 */
@Component(service = HttpApp.class, property = {HttpApp.CONTEXT_PATH + "=/echo", HttpApp.NAME + "=echo"})
public final class EchoApp implements HttpApp {
    static final int BUFFER_SIZE = 16 * 1024;
    static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";
    /** Asked for with {@code Connection: upgrade} and {@code Upgrade: narwhal-echo}: raw bytes echoed after a 101. */
    static final String RAW_ECHO_PROTOCOL = "narwhal-echo";

    @Override
    public void handle(HttpRequest request, HttpResponse response) throws Exception {
        if (request.headers().containsToken("Connection", "upgrade")
                && request.headers().containsToken("Upgrade", RAW_ECHO_PROTOCOL)) {
            request.body().readAllBytes(); // an upgrade waits for the request's own body to end
            response.upgrade(RAW_ECHO_PROTOCOL, connection -> connection.in().transferTo(connection.out()));
            return;
        }
        response.status(200);
        describeRequest(request, response.headers());
        streamBody(request.body(), response);
    }

    private static void describeRequest(HttpRequest request, Headers out) {
        out.add("X-Echo-Method", request.method());
        out.add("X-Echo-Target", request.target());
        out.add("X-Echo-Remote", hostAndPort(request.remoteAddress()));
        out.add("X-Echo-Local", hostAndPort(request.localAddress()));
        out.add("X-Echo-Scheme", request.scheme());
        if (request.host() != null) {
            out.add("X-Echo-Host", request.host());
        }
        // One response field per request field, repeated names included, in the order they arrived.
        request.headers().forEach((name, value) -> out.add("X-Echo-Header", name + ": " + value));
        String contentType = request.headers().first("Content-Type");
        out.set("Content-Type", contentType != null ? contentType : DEFAULT_CONTENT_TYPE);
        String contentLength = request.headers().first("Content-Length");
        if (contentLength != null) {
            // The body comes back the same length: say so up front instead of chunking it.
            out.set("Content-Length", contentLength);
        }
    }

    /** 127.0.0.1:5000 or [::1]:5000: the address as a literal, never a name looked up. */
    private static String hostAndPort(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    private static void streamBody(InputStream in, HttpResponse response) throws IOException {
        byte[] buffer = new byte[BUFFER_SIZE];
        try (OutputStream out = response.body()) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                out.write(buffer, 0, read);
            }
        }
    }
}
