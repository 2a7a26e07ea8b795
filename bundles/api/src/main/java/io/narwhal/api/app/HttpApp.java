package io.narwhal.api.app;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * An application: a blocking handler from request to response, the same on every worker type.
 * Register it as an OSGi service with {@link #CONTEXT_PATH} (and optionally {@link #VIRTUAL_HOST});
 * the router mounts it there. An exception thrown here is a 500 for that request alone
 * ({@link io.narwhal.api.http.HttpException} chooses another status).
 */
@ConsumerType
public interface HttpApp {
    /** Service property: the path the app is mounted at, "/" or "/name" (no trailing slash). */
    String CONTEXT_PATH = "narwhal.app.context";
    /** Service property, optional: the Host the app answers for; absent means any host. */
    String VIRTUAL_HOST = "narwhal.app.host";
    /** Service property, optional: a name for logs and the shell; defaults to the bundle's symbolic name. */
    String NAME = "narwhal.app.name";

    void handle(HttpRequest request, HttpResponse response) throws Exception;
}
