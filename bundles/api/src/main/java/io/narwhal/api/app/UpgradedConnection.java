package io.narwhal.api.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.osgi.annotation.versioning.ProviderType;

/** The raw connection after a 101: the bytes that follow the request head, and a way back to the client. */
@ProviderType
public interface UpgradedConnection {
    /** What the client sends after its request head, bytes it sent with the head first. */
    InputStream in();

    /** Straight to the client; flush what should leave now. */
    OutputStream out();

    InetSocketAddress remoteAddress();

    /**
     * How long a read of {@link #in()} may wait (a WebSocket's idle time); zero for the worker type's own
     * bound. On the sync worker a read waits at most half its timeout, whatever is set: its one thread must
     * tell the master it lives.
     */
    void readTimeout(Duration timeout) throws IOException;
}
