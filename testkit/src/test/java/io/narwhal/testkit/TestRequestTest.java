package io.narwhal.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class TestRequestTest {

    @Test
    void targetSplitsIntoPathAndQuery() {
        TestRequest request = TestRequest.get("/a/b?x=1&y");

        assertEquals("/a/b", request.path());
        assertEquals("x=1&y", request.query());
        assertNull(TestRequest.get("/a").query());
    }

    @Test
    void headersAndBodyAreWhatTheTestAdded() throws Exception {
        TestRequest request = TestRequest.post("/").header("X-A", "1").header("x-a", "2").body("caf\u00e9");

        assertEquals(List.of("1", "2"), request.headers().all("X-A"));
        assertEquals(1, request.headers().names().size());
        assertEquals("caf\u00e9", new String(request.body().readAllBytes(), "UTF-8"));
        assertEquals(-1, TestRequest.get("/").body().read());
    }

    @Test
    void mountedAtGivesContextPathAndPathInfo() {
        TestRequest request = TestRequest.get("/shop/cart?id=1").mountedAt("/shop");

        assertEquals("/shop", request.contextPath());
        assertEquals("/cart", request.pathInfo());
        assertEquals("", TestRequest.get("/shop").mountedAt("/").contextPath());
        assertEquals("/shop", TestRequest.get("/shop").mountedAt("/").pathInfo());
        assertThrows(IllegalArgumentException.class, () -> TestRequest.get("/shopping").mountedAt("/shop"));
    }

    @Test
    void sendToHandsTheRequestToTheApp() throws Exception {
        RecordingResponse response = TestRequest.get("/hi").sendTo((request, r) -> r.send(request.path()));

        assertEquals("/hi", response.bodyText());
        assertEquals("text/plain; charset=utf-8", response.headers().first("Content-Type"));
    }
}
