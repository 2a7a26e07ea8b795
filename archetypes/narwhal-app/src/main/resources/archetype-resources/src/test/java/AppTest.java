package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.narwhal.testkit.RecordingResponse;
import io.narwhal.testkit.TestRequest;
import org.junit.jupiter.api.Test;

/** The app called directly, as a worker's router would call it, without a server. */
class AppTest {
    private final App app = new App();

    @Test
    void answersAtItsContextPath() throws Exception {
        RecordingResponse response = TestRequest.get("${contextPath}").mountedAt("${contextPath}").sendTo(app);

        assertEquals(200, response.status());
        assertEquals("text/plain; charset=utf-8", response.headers().first("Content-Type"));
        assertEquals("Hello from ${artifactId}!\n", response.bodyText());
    }
}
