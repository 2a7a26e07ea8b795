package io.narwhal.itests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A client that writes exactly the bytes a test gives it and reads the answer until the server closes, so a
 * test sees the wire as it is: no client library adding headers or hiding a missing close.
 */
final class RawHttp {
    private RawHttp() {
    }

    /** Sends the request and reads until EOF; fails if the server has not closed within the timeout. */
    static Response exchange(InetSocketAddress server, String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(server, 5_000);
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return Response.parse(readToEnd(socket.getInputStream()));
        }
    }

    private static byte[] readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            all.write(buffer, 0, n);
        }
        return all.toByteArray();
    }

    /** One response as received: status, header fields in order, and every byte after the head. */
    record Response(String statusLine, int status, List<String[]> fields, byte[] body) {
        static Response parse(byte[] bytes) {
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            int headEnd = text.indexOf("\r\n\r\n");
            if (headEnd < 0) {
                throw new AssertionError("no complete response head in: " + text);
            }
            String[] lines = text.substring(0, headEnd).split("\r\n");
            List<String[]> fields = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                fields.add(new String[] {lines[i].substring(0, colon), lines[i].substring(colon + 1).strip()});
            }
            byte[] body = java.util.Arrays.copyOfRange(bytes, headEnd + 4, bytes.length);
            return new Response(lines[0], Integer.parseInt(lines[0].split(" ")[1]), fields, body);
        }

        /** The first value of the field, compared case-insensitively, or null. */
        String header(String name) {
            for (String[] field : fields) {
                if (field[0].equalsIgnoreCase(name)) {
                    return field[1];
                }
            }
            return null;
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }
}
