package io.narwhal.http1;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class Http1CodecTest {
    @Test
    void isADeclarativeServicesComponentForHttp11() throws IOException {
        // bnd writes the descriptor from the annotations before the tests run.
        try (InputStream xml = Http1CodecTest.class.getResourceAsStream("/OSGI-INF/io.narwhal.http1.Http1Codec.xml")) {
            assertNotNull(xml, "DS descriptor");
            String descriptor = new String(xml.readAllBytes(), UTF_8);
            assertTrue(descriptor.contains("<provide interface=\"io.narwhal.api.codec.HttpCodec\"/>"), descriptor);
            assertTrue(descriptor.contains("name=\"narwhal.codec.protocol\"") && descriptor.contains("value=\"http/1.1\""),
                    descriptor);
        }
    }

    @Test
    void openRequiresATransportAndOptions() {
        assertThrows(IllegalArgumentException.class, () -> new Http1Codec().open(null, TestConnection.KEEP_ALIVE));
    }

    @Test
    void closingTheConnectionClosesTheTransport() throws IOException {
        TestConnection connection = TestConnection.of("");
        connection.connection.close();
        assertTrue(connection.closed);
    }
}
