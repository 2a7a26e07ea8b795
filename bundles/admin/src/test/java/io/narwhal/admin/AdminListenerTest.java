package io.narwhal.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.narwhal.api.server.Readiness;
import io.narwhal.http1.Http1Codec;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The admin listener on a real socket, through the real HTTP/1.1 codec. */
class AdminListenerTest {
    private final FakeServer server = new FakeServer();
    private final AdminListener listener;
    private final HttpClient client = HttpClient.newHttpClient();

    AdminListenerTest() throws Exception {
        ServerSocketChannel channel = ServerSocketChannel.open();
        channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        listener = new AdminListener(channel, new Http1Codec(), new AdminRoutes(server));
    }

    @AfterEach
    void close() {
        listener.close();
        client.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://" + listener.address() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void probesAnswerOverHttp_onOneKeptConnection() throws Exception {
        assertEquals(200, get("/health/ready").statusCode());
        server.readiness = Readiness.of(List.of("the server is stopping"));
        HttpResponse<String> notReady = get("/health/ready");
        assertEquals(503, notReady.statusCode());
        assertEquals("the server is stopping\n", notReady.body());
        assertEquals(200, get("/health/live").statusCode());
    }

    @Test
    void concurrentScrapesAreEachAnswered() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Integer>> scrapes = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                scrapes.add(() -> get("/metrics").statusCode());
            }
            for (Future<Integer> status : clients.invokeAll(scrapes)) {
                assertEquals(200, status.get());
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void malformedRequestsGetTheCodecsAnswer_andTheListenerServesOn() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port())) {
            OutputStream out = socket.getOutputStream();
            out.write("GET /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            assertEquals("HTTP/1.1 400 Bad Request", statusLine);
        }
        assertEquals(200, get("/health/live").statusCode());
    }

    @Test
    void pastTheMostConnectionsAConnectionIsClosedUnserved_andTheOthersStillAnswered() throws Exception {
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < AdminListener.MOST_CONNECTIONS; i++) {
                idle.add(new Socket(InetAddress.getLoopbackAddress(), port()));
            }
            try (Socket extra = new Socket(InetAddress.getLoopbackAddress(), port())) {
                extra.setSoTimeout(5_000);
                assertEquals(-1, extra.getInputStream().read(), "closed without an answer");
            }
            idle.removeFirst().close();
            boolean answered = false;
            for (int attempt = 0; attempt < 50 && !answered; attempt++) {
                try {
                    answered = get("/health/live").statusCode() == 200;
                } catch (java.io.IOException e) {
                    Thread.sleep(20); // the freed room is given back once the closed connection's thread sees EOF
                }
            }
            assertTrue(answered, "a connection freed makes room again");
        } finally {
            for (Socket socket : idle) {
                socket.close();
            }
        }
    }

    private int port() {
        return Integer.parseInt(listener.address().substring(listener.address().lastIndexOf(':') + 1));
    }
}
