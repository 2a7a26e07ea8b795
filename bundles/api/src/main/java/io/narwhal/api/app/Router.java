package io.narwhal.api.app;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The worker's front handler: tracks the {@link HttpApp} services as they come and go and hands each
 * request to the app mounted for its Host and longest matching context path; 404 when none is.
 * Registered under this interface only, so it is never mistaken for an app.
 */
@ProviderType
public interface Router extends HttpApp {
    /**
     * Hands the request to its app, as {@link #handle} does, and says which mount took it: null where none did (no
     * mount matched, the path was refused, or the app being replaced did not come back in time), for what counts
     * requests by app.
     */
    Mount serve(HttpRequest request, HttpResponse response) throws Exception;

    @Override
    default void handle(HttpRequest request, HttpResponse response) throws Exception {
        serve(request, response);
    }

    /** The apps mounted now, longest context path first. */
    List<Mount> mounts();

    /**
     * Holds new requests for every mount the bundle's apps hold now, until the hold is closed, even while the
     * bundle has no app registered (as during its update): nothing falls through to another app or to a 404.
     *
     * @throws IllegalStateException when the bundle is held already
     */
    AppHold hold(long bundleId);

    /** One mounted app. {@code virtualHost} is null when the app answers for any host. */
    record Mount(String name, String contextPath, String virtualHost, long serviceId) {
    }
}
