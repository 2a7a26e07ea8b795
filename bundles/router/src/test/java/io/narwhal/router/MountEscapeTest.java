package io.narwhal.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.narwhal.api.http.HttpException;
import io.narwhal.testkit.TestRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A request cannot be routed under one mount and served as a path under another. */
class MountEscapeTest {
    private final AppRegistry registry = new AppRegistry();

    @BeforeEach
    void mountPublicAndAdmin() {
        registry.put(Apps.service("public", "/public"));
        registry.put(Apps.service("admin", "/admin"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            /public/../admin/x     | admin  | /admin/x  | /x
            /public/%2e%2e/admin   | admin  | /admin    | ''
            /public/.%2E/admin/x   | admin  | /admin/x  | /x
            /public/x/../../admin/ | admin  | /admin/   | /
            /admin/../public/x     | public | /public/x | /x
            /public//../admin      | admin  | /admin    | ''
            /public/./x            | public | /public/x | /x
            """)
    void appIsChosenByTheNormalizedPathAndSeesThatPath(String rawPath, String app, String path, String pathInfo) {
        String normalized = RequestPaths.normalize(rawPath);
        Route route = registry.table().find(null, normalized);
        MountedRequest seen = new MountedRequest(TestRequest.get(rawPath),
                ContextPaths.visible(route.contextPath()), normalized);

        assertEquals(path, normalized);
        assertEquals(app, route.service().name());
        assertEquals(path, seen.contextPath() + seen.pathInfo(), "the app sees the path it was chosen by");
        assertEquals(pathInfo, seen.pathInfo());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/public/..", "/admin/%2e%2e/"})
    void leavingAMountForAPathNoAppCoversIsNotFound(String rawPath) {
        assertNull(registry.table().find(null, RequestPaths.normalize(rawPath)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/public/..%2Fadmin", "/public/..%2fadmin/x", "/public/..%5Cadmin", "/public/..\\admin",
        "/public/../../admin"})
    void hiddenSeparatorOrClimbIsA400BeforeAnyAppIsChosen(String rawPath) {
        HttpException refusal = assertThrows(HttpException.class, () -> RequestPaths.normalize(rawPath));

        assertEquals(400, refusal.status());
    }
}
