package io.narwhal.itests;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A test client over a raw socket: writes exactly the bytes given, reads responses as they come, so tests
 * can send what no well-behaved client would (pipelined, malformed, split) and see every byte of the answer.
 */
public final class RawHttp implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    /** Bytes read from the server so far. */
    private long received;

    public record Response(int status, List<String[]> headers, byte[] body) {
        public String header(String name) {
            return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).findFirst().orElse(null);
        }

        public List<String> all(String name) {
            return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).toList();
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    public RawHttp(int port) throws IOException {
        this(new InetSocketAddress("127.0.0.1", port));
    }

    public RawHttp(InetSocketAddress server) throws IOException {
        this(server, null);
    }

    /** A connection from this local address (e.g. 127.0.0.2, another peer on Linux's loopback), or null for any. */
    public RawHttp(InetSocketAddress server, InetAddress from) throws IOException {
        socket = new Socket();
        if (from != null) {
            socket.bind(new InetSocketAddress(from, 0));
        }
        socket.connect(server, 2000);
        socket.setSoTimeout(20_000);
        in = new FilterInputStream(socket.getInputStream()) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                received += b < 0 ? 0 : 1;
                return b;
            }

            @Override
            public int read(byte[] bytes, int offset, int length) throws IOException {
                int n = super.read(bytes, offset, length);
                received += Math.max(n, 0);
                return n;
            }
        };
        out = socket.getOutputStream();
    }

    /** How many bytes the server has sent that were read, on this connection so far. */
    public long received() {
        return received;
    }

    public RawHttp send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    public RawHttp send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Whether response bytes have arrived and wait to be read. */
    public boolean responseWaiting() throws IOException {
        return in.available() > 0;
    }

    /** Half-closes: the server reads the end of the stream, as from a client that stopped sending. */
    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    public OutputStream output() {
        return out;
    }

    /** The client's end of the connection, as the server sees its peer. */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    public static Response get(int port, String path) throws IOException {
        return exchange(new InetSocketAddress("127.0.0.1", port), "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
    }

    /** Sends one request on a new connection and reads its response. */
    public static Response exchange(InetSocketAddress server, String request) throws IOException {
        try (RawHttp http = new RawHttp(server)) {
            return http.send(request).read(request.startsWith("HEAD "));
        }
    }

    /** Reads one response; a HEAD response has no body whatever its headers say. */
    public Response read(boolean head) throws IOException {
        String statusLine = line();
        if (statusLine == null) {
            throw new IOException("connection closed before a response");
        }
        String[] parts = statusLine.split(" ", 3);
        int status = Integer.parseInt(parts[1]);
        List<String[]> headers = new ArrayList<>();
        for (String line = line(); line != null && !line.isEmpty(); line = line()) {
            int colon = line.indexOf(':');
            headers.add(new String[] {line.substring(0, colon), line.substring(colon + 1).strip()});
        }
        Response shell = new Response(status, headers, new byte[0]);
        if (head || status == 204 || status == 304 || status / 100 == 1) {
            return shell;
        }
        String length = shell.header("Content-Length");
        String encoding = shell.header("Transfer-Encoding");
        byte[] body;
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            body = chunked();
        } else if (length != null) {
            body = exactly(Integer.parseInt(length));
        } else {
            body = in.readAllBytes();
        }
        return new Response(status, headers, body);
    }

    private byte[] chunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line();
            if (sizeLine == null) {
                throw new IOException("connection closed inside a chunked body, before its last chunk");
            }
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).strip(), 16);
            if (size == 0) {
                while (!line().isEmpty()) {
                    // trailers are skipped
                }
                return body.toByteArray();
            }
            body.write(exactly(size));
            line();
        }
    }

    /** A body cut short is a failure, never a shorter body. */
    private byte[] exactly(int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new IOException("connection closed with " + bytes.length + " of " + length + " body bytes");
        }
        return bytes;
    }

    /** Whether the server closed the connection (EOF with nothing more sent). */
    public boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (java.net.SocketException e) {
            return true;
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
