package io.narwhal.api.app;

import io.narwhal.api.http.Headers;
import java.io.InputStream;
import java.net.InetSocketAddress;
import org.osgi.annotation.versioning.ProviderType;

/** One request as the app sees it. Valid only during {@link HttpApp#handle}. */
@ProviderType
public interface HttpRequest {
    /** The method token as sent, e.g. "GET". */
    String method();

    /** The request-target exactly as sent: path and query, or an absolute form. */
    String target();

    /**
     * The path part of the target, still percent-encoded, without the query; as the router hands it to an app,
     * normalised: no dot-segments, no empty segments (docs/routing.md).
     */
    String path();

    /** The query after '?', still encoded, or null when there is none. */
    String query();

    /** "HTTP/1.1" or "HTTP/1.0". */
    String version();

    /** The request's header fields, as received. Do not modify. */
    Headers headers();

    /** The request body; empty when there is none. Reading it past its end returns -1. */
    InputStream body();

    /**
     * The trailer fields that came after a chunked body (RFC 9112 7.1.2), once {@link #body()} has been read to
     * its end; empty before that, and for a body without trailers. Fields RFC 9110 6.5.1 keeps out of trailers
     * (framing, routing, authentication, Content-Type and the like) never get here: such a request is refused.
     */
    default Headers trailers() {
        return new Headers();
    }

    /**
     * The client's address: the connection's peer, or, behind a proxy that forwarded_allow_ips or proxy_allow_ips
     * allows, the client that proxy names (port 0 when it names none).
     */
    InetSocketAddress remoteAddress();

    /** The address the connection was accepted on, or the one the client reached, as a PROXY header names it. */
    InetSocketAddress localAddress();

    /** "http" or "https": https when the connection is, or when an allowed proxy says the client's was. */
    String scheme();

    /**
     * The host (and port, if one was given) the client asked for: what an allowed proxy says in Forwarded
     * {@code host=} or X-Forwarded-Host, else the Host header; null for an HTTP/1.0 request without one.
     * Routing goes by the Host header the proxy sent, not by this.
     */
    default String host() {
        return headers().first("Host");
    }

    /** The path the app is mounted at ("" for the root mount). */
    default String contextPath() {
        return "";
    }

    /** The rest of {@link #path()} after {@link #contextPath()}, starting with "/" or empty. */
    default String pathInfo() {
        return path();
    }
}
