package io.narwhal.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.ops4j.pax.exam.CoreOptions.options;

import io.narwhal.api.app.HttpApp;
import io.narwhal.api.app.Router;
import java.util.List;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;

/** The router bundle in a real Felix with SCR: it finds the hello app's service and follows it as it comes and goes. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RouterMountsHelloTest {
    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configure() {
        return options(NarwhalOptions.framework(), NarwhalOptions.narwhal("api", "router", "app-hello"));
    }

    @Test
    public void routerMountsHelloAtRoot() throws Exception {
        Router router = Services.await(context, Router.class, null);

        Services.awaitCondition("hello mounted at / (mounts: " + router.mounts() + ")",
                () -> router.mounts().size() == 1);
        Router.Mount hello = router.mounts().get(0);
        assertEquals("hello", hello.name());
        assertEquals("/", hello.contextPath());
        assertNull(hello.virtualHost());
    }

    @Test
    public void routerIsRegisteredAsRouterOnlySoItIsNeverMistakenForAnApp() throws Exception {
        Services.await(context, Router.class, null);
        ServiceReference<Router> reference = context.getServiceReference(Router.class);

        assertArrayEquals(new String[] {Router.class.getName()}, (String[]) reference.getProperty(Constants.OBJECTCLASS));
        for (ServiceReference<HttpApp> app : context.getServiceReferences(HttpApp.class, null)) {
            assertEquals("hello", app.getProperty(HttpApp.NAME));
        }
    }

    @Test
    public void stoppingTheAppBundleUnmountsItAndStartingItMountsItAgain() throws Exception {
        Router router = Services.await(context, Router.class, null);
        Bundle hello = bundleNamed("narwhal-app-hello");
        Services.awaitCondition("hello mounted", () -> router.mounts().size() == 1);

        hello.stop();
        Services.awaitCondition("hello unmounted after its bundle stopped", () -> router.mounts().isEmpty());

        hello.start();
        Services.awaitCondition("hello mounted again after its bundle started",
                () -> List.of("hello").equals(router.mounts().stream().map(Router.Mount::name).toList()));
    }

    private Bundle bundleNamed(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError("no bundle " + symbolicName);
    }
}
