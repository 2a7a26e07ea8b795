package io.narwhal.router;

import io.narwhal.api.app.AppHold;
import io.narwhal.api.app.HttpApp;
import io.narwhal.api.app.HttpRequest;
import io.narwhal.api.app.HttpResponse;
import io.narwhal.api.app.Router;
import io.narwhal.api.http.HttpException;
import io.narwhal.api.http.RequestBodyException;
import java.time.Duration;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's front handler. Registered as {@link Router} only, so its own reference to HttpApp services
 * never sees it. Apps are bound dynamically: requests keep flowing while apps come and go.
 */
@Component(service = Router.class)
public final class AppRouter implements Router {
    private static final Logger LOG = LoggerFactory.getLogger(AppRouter.class);

    /** The framework property the worker host sets from the deploy_hold_timeout setting (whole seconds). */
    static final String HOLD_TIMEOUT_PROPERTY = "narwhal.deploy_hold_timeout";
    static final Duration DEFAULT_HOLD_TIMEOUT = Duration.ofSeconds(5);

    private final AppRegistry registry = new AppRegistry();
    private volatile Duration holdTimeout = DEFAULT_HOLD_TIMEOUT;

    @Activate
    void activate(BundleContext context) {
        String configured = context.getProperty(HOLD_TIMEOUT_PROPERTY);
        if (configured != null) {
            holdTimeout = Duration.ofSeconds(Long.parseLong(configured));
        }
    }

    /** How long a request waits for its app to be replaced before a 503 (tests set it directly). */
    void holdTimeout(Duration timeout) {
        holdTimeout = timeout;
    }

    @Reference(name = "app", service = HttpApp.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            updated = "updatedApp", unbind = "unbindApp")
    void bindApp(HttpApp app, ServiceReference<HttpApp> reference) {
        registry.put(AppService.of(reference, app));
    }

    void updatedApp(HttpApp app, ServiceReference<HttpApp> reference) {
        registry.put(AppService.of(reference, app));
    }

    void unbindApp(ServiceReference<HttpApp> reference) {
        registry.remove((Long) reference.getProperty(Constants.SERVICE_ID));
    }

    /** The registry behind the component's references, for tests that mount apps without a framework. */
    AppRegistry registry() {
        return registry;
    }

    @Override
    public List<Mount> mounts() {
        return registry.mounts();
    }

    @Override
    public AppHold hold(long bundleId) {
        return registry.hold(bundleId);
    }

    @Override
    public Mount serve(HttpRequest request, HttpResponse response) throws Exception {
        String path;
        try {
            path = RequestPaths.normalize(request.path() == null ? "" : request.path());
        } catch (HttpException refused) {
            LOG.debug("{} {}: refused: {}", request.method(), request.target(), refused.getMessage());
            StatusResponses.send(response, refused.status(), refused.getMessage());
            return null;
        }
        long holdDeadline = 0;
        while (true) {
            RoutingTable table = registry.table();
            // Where no app answers for a host of its own, the Host header cannot change the route: not read at all.
            String host = table.hasVirtualHosts() ? VirtualHosts.ofHostHeader(request.headers().first("Host")) : null;
            Route route = table.find(host, path);
            if (route == null) {
                StatusResponses.send(response, 404);
                return null;
            }
            BundleActivity activity = route.activity();
            if (!route.isPlaceholder() && activity.tryEnter()) {
                try {
                    // A table replaced meanwhile may no longer hold this app: route again rather than call it.
                    if (registry.table() == table) {
                        serve(route, request, response, path);
                        return route.mount();
                    }
                } finally {
                    activity.exit();
                }
                continue;
            }
            long now = System.nanoTime();
            if (holdDeadline == 0) {
                holdDeadline = now + holdTimeout.toNanos();
            }
            if (!activity.awaitRelease(holdDeadline - now)) {
                LOG.warn("{} {} waited {} s (deploy_hold_timeout) for '{}' to be replaced: 503", request.method(),
                        request.path(), holdTimeout.toSeconds(), route.where());
                StatusResponses.sendRetryLater(response, holdTimeout);
                return null;
            }
        }
    }

    private static void serve(Route route, HttpRequest request, HttpResponse response, String path) throws Exception {
        try {
            route.service().app().handle(new MountedRequest(request, ContextPaths.visible(route.contextPath()), path),
                    response);
        } catch (HttpException refusal) {
            answerRefusal(route, request, response, refusal);
        } catch (Throwable failure) {
            answerFailure(route, request, response, failure);
        }
    }

    /** An app's HttpException is a deliberate answer, not a fault: no error logged. */
    private static void answerRefusal(Route route, HttpRequest request, HttpResponse response, HttpException refusal)
            throws Exception {
        if (refusal.status() < 400 || refusal.status() > 599) {
            // Only an error status can replace the app's response; anything else is a bug in the app.
            answerFailure(route, request, response, refusal);
            return;
        }
        if (response.isCommitted()) {
            throw refusal;
        }
        LOG.debug("app '{}' answered {} {} with {}", route.service().name(), request.method(), request.path(),
                refusal.status(), refusal);
        StatusResponses.send(response, refusal.status());
    }

    private static void answerFailure(Route route, HttpRequest request, HttpResponse response, Throwable failure)
            throws Exception {
        if (failure instanceof VirtualMachineError && !(failure instanceof StackOverflowError)) {
            // Out of memory or a broken JVM: no use answering; let the worker die and be replaced.
            throw (Error) failure;
        }
        if (causedByRequestBody(failure)) {
            // The client's fault, however the app passed it on: the codec answers it (400, 408 or a broken-off
            // response), and it is not the app's failure.
            rethrow(failure);
        }
        if (response.isCommitted()) {
            // Part of the response is on the wire: only closing the connection tells the client it is broken.
            // The codec logs it, once.
            rethrow(failure);
        }
        LOG.error("app '{}' failed on {} {}", route.service().name(), request.method(), request.path(), failure);
        StatusResponses.send(response, 500);
    }

    private static boolean causedByRequestBody(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestBodyException) {
                return true;
            }
        }
        return false;
    }

    private static void rethrow(Throwable failure) throws Exception {
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure instanceof Exception exception) {
            throw exception;
        }
        throw new IllegalStateException(failure);
    }
}
