package io.narwhal.router;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoutingTest {
    private final AppRouter router = new AppRouter();

    private FakeResponse route(FakeRequest request) throws Exception {
        FakeResponse response = new FakeResponse();
        router.handle(request, response);
        return response;
    }

    private String answerTo(String target) throws Exception {
        return route(FakeRequest.get("any.example", target)).bodyText();
    }

    private void mount(String name, String contextPath) {
        router.registry().put(Apps.service(name, contextPath));
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
    void pathPrefixWithoutBoundaryIsNotFound() throws Exception {
        mount("echo", "/echo");

        assertEquals(404, route(FakeRequest.get("x", "/echoes")).status());
    }

    @ParameterizedTest
    @CsvSource(value = {"/echo, /echo, /echo, ''", "/echo, /echo/, /echo, /", "/echo, /echo/a/b?q=1, /echo, /a/b",
        "/, /, '', /", "/, /a/b?q, '', /a/b", "/a/b, /a/b/c, /a/b, /c"})
    void appSeesItsContextPathAndPathInfo(String mount, String target, String contextPath, String pathInfo)
            throws Exception {
        Apps.Recording app = new Apps.Recording();
        router.registry().put(Apps.service("app", mount, null, 0, app));

        route(FakeRequest.get("x", target));

        assertEquals(contextPath, app.last.get().contextPath());
        assertEquals(pathInfo, app.last.get().pathInfo());
        assertEquals(target, app.last.get().target(), "the rest of the request is passed through");
    }

    @Test
    void noMatchingAppIsA404InPlainText() throws Exception {
        mount("echo", "/echo");

        FakeResponse response = route(FakeRequest.get("x", "/nothing"));

        assertEquals(404, response.status());
        assertEquals("text/plain; charset=utf-8", response.headers().first("Content-Type"));
        assertEquals("404 Not Found\n", response.bodyText());
    }

    @Test
    void noAppsAtAllIsA404() throws Exception {
        assertEquals(404, route(FakeRequest.get("x", "/")).status());
    }

    @Test
    void hostSpecificAppIsPickedByHostCaseInsensitivelyAndWithoutPort() throws Exception {
        router.registry().put(Apps.service("site", "/", "Example.COM", 0));
        mount("default", "/");

        assertEquals("site", route(FakeRequest.get("example.com", "/")).bodyText());
        assertEquals("site", route(FakeRequest.get("EXAMPLE.com:8080", "/x")).bodyText());
        assertEquals("default", route(FakeRequest.get("other.org", "/")).bodyText());
        assertEquals("default", route(FakeRequest.get("/x")).bodyText(), "no Host header: host-less apps only");
    }

    @Test
    void hostSpecificMountBeatsHostLessOneEvenWithShorterPath() throws Exception {
        router.registry().put(Apps.service("site", "/", "example.com", 0));
        mount("api", "/api");

        assertEquals("site", route(FakeRequest.get("example.com", "/api/x")).bodyText());
        assertEquals("api", route(FakeRequest.get("other.org", "/api/x")).bodyText());
    }

    @Test
    void hostLessAppsServeHostsWhoseOwnMountsDoNotCoverThePath() throws Exception {
        router.registry().put(Apps.service("admin", "/admin", "example.com", 0));
        mount("default", "/");

        assertEquals("admin", route(FakeRequest.get("example.com", "/admin/users")).bodyText());
        assertEquals("default", route(FakeRequest.get("example.com", "/index.html")).bodyText());
    }

    @Test
    void ipv6HostLiteralKeepsItsBrackets() throws Exception {
        router.registry().put(Apps.service("local6", "/", "[::1]", 0));
        mount("default", "/");

        assertEquals("local6", route(FakeRequest.get("[::1]:8000", "/")).bodyText());
        assertEquals("default", route(FakeRequest.get("[::2]:8000", "/")).bodyText());
    }

    @Test
    void hostOnlyAppsAreNotFoundForOtherHosts() throws Exception {
        router.registry().put(Apps.service("site", "/", "example.com", 0));

        assertEquals(404, route(FakeRequest.get("other.org", "/")).status());
    }
}
