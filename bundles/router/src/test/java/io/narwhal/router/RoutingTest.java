package io.narwhal.router;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.narwhal.testkit.RecordingResponse;
import io.narwhal.testkit.TestRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoutingTest {
    private final AppRouter router = new AppRouter();

    private RecordingResponse route(String host, String target) throws Exception {
        return TestRequest.get(target).header("Host", host).sendTo(router);
    }

    private String answerTo(String host, String target) throws Exception {
        return route(host, target).bodyText();
    }

    private String answerTo(String target) throws Exception {
        return answerTo("any.example", target);
    }

    private void mount(String name, String contextPath) {
        mount(name, contextPath, null);
    }

    /** Mounts an app that answers with its name, for this host only (null: for any host). */
    private void mount(String name, String contextPath, String host) {
        router.registry().put(Apps.service(name, contextPath, host, 0));
    }

    @Test
    void longestContextPathWins() throws Exception {
        mount("root", "/");
        mount("api", "/api");
        mount("v2", "/api/v2");

        assertEquals("v2", answerTo("/api/v2/users"));
        assertEquals("v2", answerTo("/api/v2"));
        assertEquals("api", answerTo("/api/v1/users"));
        assertEquals("api", answerTo("/api"));
        assertEquals("root", answerTo("/"));
        assertEquals("root", answerTo("/other"));
    }

    @ParameterizedTest
    @CsvSource({"/echo, echo", "/echo/, echo", "/echo/x?y, echo", "/echo?y, echo", "/echoes, root",
        "/echo.txt, root", "/ech, root"})
    void contextPathMatchesOnlyAtSegmentBoundary(String target, String expectedApp) throws Exception {
        mount("root", "/");
        mount("echo", "/echo");

        assertEquals(expectedApp, answerTo(target));
    }

    @Test
    void serveSaysWhichMountTookTheRequest() throws Exception {
        mount("root", "/");
        mount("echo", "/echo", "api.example");
        RecordingResponse response = new RecordingResponse();

        var mount = router.serve(TestRequest.get("/echo/x").header("Host", "api.example"), response);

        assertEquals("echo", response.bodyText());
        assertEquals("echo", mount.name());
        assertEquals("/echo", mount.contextPath());
        assertEquals("api.example", mount.virtualHost());
        assertEquals("root", router.serve(TestRequest.get("/echo/x").header("Host", "other"), new RecordingResponse())
                .name());
    }

    /** With no app of its own host the Host header is not read; once one is mounted, it routes again. */
    @Test
    void theHostHeaderMattersOnlyOnceAnAppAnswersForAHostOfItsOwn() throws Exception {
        mount("root", "/");
        mount("echo", "/echo");
        assertEquals("echo", TestRequest.get("/echo").sendTo(router).bodyText());
        assertEquals("echo", answerTo("API.Example:8080", "/echo"));

        mount("api", "/echo", "api.example");
        assertEquals("api", answerTo("API.Example:8080", "/echo"));
        assertEquals("echo", answerTo("other.example", "/echo"));
        assertEquals("echo", TestRequest.get("/echo").sendTo(router).bodyText());
    }

    @Test
    void serveSaysNoMountWhereNoAppTookTheRequest() throws Exception {
        mount("echo", "/echo");
        RecordingResponse notFound = new RecordingResponse();
        RecordingResponse refused = new RecordingResponse();

        assertEquals(null, router.serve(TestRequest.get("/elsewhere").header("Host", "x"), notFound));
        assertEquals(null, router.serve(TestRequest.get("/echo/../../x").header("Host", "x"), refused));
        assertEquals(404, notFound.status());
        assertEquals(400, refused.status());
    }

    @Test
    void pathPrefixWithoutBoundaryIsNotFound() throws Exception {
        mount("echo", "/echo");

        assertEquals(404, route("x", "/echoes").status());
    }

    @ParameterizedTest
    @CsvSource(value = {"/echo, /echo, /echo, ''", "/echo, /echo/, /echo, /", "/echo, /echo/a/b?q=1, /echo, /a/b",
        "/, /, '', /", "/, /a/b?q, '', /a/b", "/a/b, /a/b/c, /a/b, /c"})
    void appSeesItsContextPathAndPathInfo(String mount, String target, String contextPath, String pathInfo)
            throws Exception {
        Apps.Recording app = new Apps.Recording();
        router.registry().put(Apps.service("app", mount, null, 0, app));

        route("x", target);

        assertEquals(contextPath, app.last.get().contextPath());
        assertEquals(pathInfo, app.last.get().pathInfo());
        assertEquals(target, app.last.get().target(), "the rest of the request is passed through");
    }

    @Test
    void noMatchingAppIsA404InPlainText() throws Exception {
        mount("echo", "/echo");

        RecordingResponse response = route("x", "/nothing");

        assertEquals(404, response.status());
        assertEquals("text/plain; charset=utf-8", response.headers().first("Content-Type"));
        assertEquals("404 Not Found\n", response.bodyText());
    }

    @Test
    void noAppsAtAllIsA404() throws Exception {
        assertEquals(404, route("x", "/").status());
    }

    @Test
    void hostSpecificAppIsPickedByHostCaseInsensitivelyAndWithoutPort() throws Exception {
        mount("site", "/", "Example.COM");
        mount("default", "/");

        assertEquals("site", answerTo("example.com", "/"));
        assertEquals("site", answerTo("EXAMPLE.com:8080", "/x"));
        assertEquals("default", answerTo("other.org", "/"));
        assertEquals("default", TestRequest.get("/x").sendTo(router).bodyText(), "no Host header: host-less apps only");
    }

    @Test
    void hostSpecificMountBeatsHostLessOneEvenWithShorterPath() throws Exception {
        mount("site", "/", "example.com");
        mount("api", "/api");

        assertEquals("site", answerTo("example.com", "/api/x"));
        assertEquals("api", answerTo("other.org", "/api/x"));
    }

    @Test
    void hostLessAppsServeHostsWhoseOwnMountsDoNotCoverThePath() throws Exception {
        mount("admin", "/admin", "example.com");
        mount("default", "/");

        assertEquals("admin", answerTo("example.com", "/admin/users"));
        assertEquals("default", answerTo("example.com", "/index.html"));
    }

    @Test
    void ipv6HostLiteralKeepsItsBrackets() throws Exception {
        mount("local6", "/", "[::1]");
        mount("default", "/");

        assertEquals("local6", answerTo("[::1]:8000", "/"));
        assertEquals("default", answerTo("[::2]:8000", "/"));
    }

    @Test
    void hostOnlyAppsAreNotFoundForOtherHosts() throws Exception {
        mount("site", "/", "example.com");

        assertEquals(404, route("other.org", "/").status());
    }
}
