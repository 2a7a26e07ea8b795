package io.narwhal.http1.proxy;

import java.net.InetSocketAddress;

/**
 * Where a request comes from, as the app is told.
 *
 * @param remoteAddress the client
 * @param localAddress the address the client connected to
 * @param scheme "http" or "https"
 * @param host what the client asked for (host and maybe port), or null when nothing says
 */
public record RequestOrigin(InetSocketAddress remoteAddress, InetSocketAddress localAddress, String scheme,
        String host) {
}
