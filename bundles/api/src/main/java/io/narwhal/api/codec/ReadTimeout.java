package io.narwhal.api.codec;

import java.io.IOException;
import java.time.Duration;

/**
 * Sets how long the transport's next blocking read may wait. The codec sets it per phase of a connection: the idle
 * wait between keep-alive requests ({@code keepalive}), what is left of a head's deadline, and back to the worker
 * type's own choice for a body.
 */
@FunctionalInterface
public interface ReadTimeout {
    /** @param timeout how long a read may wait; zero for the worker type's own default */
    void set(Duration timeout) throws IOException;
}
