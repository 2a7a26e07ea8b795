package io.narwhal.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.narwhal.api.app.Router.Mount;
import io.narwhal.testkit.RecordingResponse;
import io.narwhal.testkit.TestRequest;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MountRegistryTest {
    private final AppRouter router = new AppRouter();
    private final AppRegistry registry = router.registry();
    private final LogCapture log = new LogCapture();

    @AfterEach
    void stopCapturing() {
        log.close();
    }

    private String answerTo(String host, String target) throws Exception {
        RecordingResponse response = TestRequest.get(target).header("Host", host).sendTo(router);
        return response.status() == 200 ? response.bodyText() : String.valueOf(response.status());
    }

    /** Mounts "low" (ranking 0), then "high" (ranking 5), both at /shop; returns "high". */
    private AppService mountLowThenHighAtShop() {
        registry.put(Apps.service("low", "/shop", null, 0));
        AppService high = Apps.service("high", "/shop", null, 5);
        registry.put(high);
        return high;
    }

    @Test
    void mountsListsAppsLongestContextPathFirst() {
        AppService root = Apps.service("hello", "/");
        AppService echo = Apps.service("echo", "/echo");
        AppService site = Apps.service("site", "/echo", "example.com", 0);
        registry.put(root);
        registry.put(echo);
        registry.put(site);

        assertEquals(List.of(new Mount("site", "/echo", "example.com", site.serviceId()),
                new Mount("echo", "/echo", null, echo.serviceId()),
                new Mount("hello", "/", null, root.serviceId())), router.mounts());
    }

    @Test
    void mountingAndUnmountingIsLoggedAtInfo() {
        AppService echo = Apps.service("echo", "/echo");
        registry.put(echo);
        registry.remove(echo.serviceId());

        assertEquals(List.of("mounted app 'echo' at /echo", "unmounted app 'echo' from /echo"),
                log.messages(Level.INFO));
        assertTrue(router.mounts().isEmpty());
    }

    @Test
    void appWithoutNameIsNamedForItsBundle() {
        AppService unnamed = AppService.of(java.util.Map.of("service.id", 7L, "narwhal.app.context", "/x"),
                7L, "com.example.shop", Apps.named("x"));

        assertEquals("com.example.shop", unnamed.name());
    }

    @Test
    void higherRankingWinsAConflictAndTheLoserIsNamedInAWarning() throws Exception {
        mountLowThenHighAtShop();

        assertEquals("high", answerTo("x", "/shop"));
        List<String> warnings = log.messages(Level.WARN);
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("'low'") && warnings.get(0).contains("'high'"), warnings.get(0));
        assertTrue(warnings.get(0).contains("/shop"), warnings.get(0));
    }

    @Test
    void equalRankingGoesToTheLowerServiceId() throws Exception {
        AppService older = Apps.service("older", "/shop");
        AppService newer = Apps.service("newer", "/shop");
        registry.put(newer);
        registry.put(older);

        assertEquals("older", answerTo("x", "/shop"));
        assertEquals(1, log.messages(Level.WARN).size());
    }

    @Test
    void shadowedAppTakesOverWhenTheWinnerLeaves() throws Exception {
        AppService high = mountLowThenHighAtShop();

        registry.remove(high.serviceId());

        assertEquals("low", answerTo("x", "/shop"));
    }

    @Test
    void conflictIsWarnedOnceNotOnEveryLaterChange() {
        registry.put(Apps.service("a", "/shop"));
        registry.put(Apps.service("b", "/shop"));
        registry.put(Apps.service("c", "/other"));
        registry.put(Apps.service("d", "/more"));

        assertEquals(1, log.messages(Level.WARN).size());
    }

    @Test
    void sameContextPathOnDifferentHostsIsNoConflict() throws Exception {
        registry.put(Apps.service("a", "/", "a.example", 0));
        registry.put(Apps.service("b", "/", "b.example", 0));

        assertEquals("a", answerTo("a.example", "/"));
        assertEquals("b", answerTo("b.example", "/"));
        assertTrue(log.messages(Level.WARN).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"echo", "/echo/", "/echo?x", "/echo#top", "", "//"})
    void badContextPathIsNotMountedAndTheErrorNamesServiceAndReason(String contextPath) {
        AppService bad = Apps.service("bad", contextPath);

        registry.put(bad);

        assertTrue(router.mounts().isEmpty());
        List<String> errors = log.messages(Level.ERROR);
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).contains("'bad' (service " + bad.serviceId() + ")"), errors.get(0));
        assertTrue(errors.get(0).contains("'" + contextPath + "'"), "the error quotes the bad value: " + errors.get(0));
    }

    @Test
    void missingContextPathIsNotMounted() {
        registry.put(Apps.service("bare", null));

        assertTrue(router.mounts().isEmpty());
        assertTrue(log.messages(Level.ERROR).get(0).contains("narwhal.app.context"));
    }

    @Test
    void nonStringContextPathIsNotMounted() {
        registry.put(Apps.service("typed", 42));

        assertTrue(router.mounts().isEmpty());
        assertEquals(1, log.messages(Level.ERROR).size());
    }

    @Test
    void removingAnAppThatWasNeverMountedIsHarmless() {
        AppService bad = Apps.service("bad", "nope");
        registry.put(bad);

        registry.remove(bad.serviceId());

        assertTrue(log.messages(Level.INFO).isEmpty());
    }

    @Test
    void changedPropertiesMoveTheApp() throws Exception {
        AppService before = Apps.service("mover", "/old");
        registry.put(before);

        registry.put(new AppService(before.serviceId(), before.bundleId(), 0, "mover", "/new", null, before.app()));

        assertEquals("404", answerTo("x", "/old"));
        assertEquals("mover", answerTo("x", "/new"));
        assertEquals(List.of("mounted app 'mover' at /old", "unmounted app 'mover' from /old",
                "mounted app 'mover' at /new"), log.messages(Level.INFO));
    }

    @Test
    void changeToABadContextPathUnmountsTheApp() {
        AppService before = Apps.service("mover", "/old");
        registry.put(before);

        registry.put(new AppService(before.serviceId(), before.bundleId(), 0, "mover", "old/", null, before.app()));

        assertTrue(router.mounts().isEmpty());
        assertEquals(1, log.messages(Level.ERROR).size());
    }
}
