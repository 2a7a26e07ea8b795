package io.narwhal.worker.host;

import io.narwhal.api.app.HttpRequest;
import io.narwhal.api.app.HttpResponse;
import io.narwhal.settings.AccessLogFormat;
import io.narwhal.settings.AccessLogFormat.Atom;
import io.narwhal.settings.AccessLogFormat.HeaderAtom;
import io.narwhal.settings.AccessLogFormat.Part;
import io.narwhal.settings.AccessLogFormat.Text;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * What one request leaves for its access log line, taken on the request's thread (only the fields the format
 * uses), and the line itself, written out later by the log's own thread.
 */
record AccessLine(long epochMillis, long micros, InetAddress remote, String method, String target, String path,
        String query, String version, int status, long bytes, String[] requestHeaders, String[] responseHeaders) {

    /** The format, compiled: which headers a request must leave, and how a line reads. */
    static final class Format {
        private static final DateTimeFormatter CLF_TIME =
                DateTimeFormatter.ofPattern("'['dd/MMM/yyyy:HH:mm:ss Z']'", Locale.ROOT).withZone(ZoneId.systemDefault());

        private final List<Part> parts;
        private final List<String> requestHeaders = new ArrayList<>();
        private final List<String> responseHeaders = new ArrayList<>();
        private final String pid = "<" + ProcessHandle.current().pid() + ">";
        /** The last %(t)s written and its second: most lines of a busy log share their second. */
        private long timeSecond = Long.MIN_VALUE;
        private String timeText;

        Format(AccessLogFormat format) {
            this.parts = format.parts();
            for (Part part : parts) {
                switch (part) {
                    case Atom(String name) when name.equals("f") -> requestHeaders.add("Referer");
                    case Atom(String name) when name.equals("a") -> requestHeaders.add("User-Agent");
                    case Atom(String name) when name.equals("u") -> requestHeaders.add("Authorization");
                    case HeaderAtom(String header, boolean response) -> (response ? responseHeaders : requestHeaders)
                            .add(header);
                    default -> {
                    }
                }
            }
        }

        AccessLine take(HttpRequest request, HttpResponse response, long startMillis, long startNanos) {
            String[] fromRequest = new String[requestHeaders.size()];
            for (int i = 0; i < fromRequest.length; i++) {
                fromRequest[i] = request.headers().first(requestHeaders.get(i));
            }
            String[] fromResponse = new String[responseHeaders.size()];
            for (int i = 0; i < fromResponse.length; i++) {
                fromResponse[i] = response.headers().first(responseHeaders.get(i));
            }
            InetSocketAddress remote = request.remoteAddress();
            return new AccessLine(startMillis, (System.nanoTime() - startNanos) / 1000,
                    remote == null ? null : remote.getAddress(), request.method(), request.target(),
                    request.path(), request.query(), request.version(), response.status(), response.bodyBytesSent(),
                    fromRequest, fromResponse);
        }

        /** The line, without its line end. */
        void render(AccessLine line, StringBuilder out) {
            int requestHeader = 0;
            int responseHeader = 0;
            for (Part part : parts) {
                switch (part) {
                    case Text(String text) -> out.append(text);
                    case HeaderAtom(String header, boolean response) -> out.append(orDash(response
                            ? line.responseHeaders[responseHeader++] : line.requestHeaders[requestHeader++]));
                    case Atom(String name) -> {
                        switch (name) {
                            case "f", "a" -> out.append(orDash(line.requestHeaders[requestHeader++]));
                            case "u" -> out.append(orDash(basicUser(line.requestHeaders[requestHeader++])));
                            default -> atom(name, line, out);
                        }
                    }
                }
            }
        }

        private void atom(String name, AccessLine line, StringBuilder out) {
            switch (name) {
                // Formatted on the log's thread: the request's thread only keeps the address.
                case "h" -> out.append(line.remote == null ? "-" : line.remote.getHostAddress());
                case "l" -> out.append('-');
                case "t" -> out.append(time(line.epochMillis));
                case "r" -> out.append(line.method).append(' ').append(line.target).append(' ').append(line.version);
                case "m" -> out.append(line.method);
                case "U" -> out.append(line.path);
                case "q" -> out.append(line.query == null ? "" : line.query);
                case "H" -> out.append(line.version);
                case "s" -> out.append(line.status);
                case "B" -> out.append(Math.max(0, line.bytes));
                case "b" -> out.append(line.bytes < 0 ? "-" : Long.toString(line.bytes));
                case "T" -> out.append(line.micros / 1_000_000);
                case "M" -> out.append(line.micros / 1_000);
                case "D" -> out.append(line.micros);
                case "L" -> out.append(String.format(Locale.ROOT, "%d.%06d", line.micros / 1_000_000,
                        line.micros % 1_000_000));
                case "p" -> out.append(pid);
                default -> throw new IllegalStateException("an atom the format accepted but no line renders: " + name);
            }
        }

        /** Only the log's own thread renders lines, so the cache needs no lock. */
        private String time(long epochMillis) {
            long second = Math.floorDiv(epochMillis, 1000);
            if (second != timeSecond) {
                timeSecond = second;
                timeText = CLF_TIME.format(Instant.ofEpochSecond(second));
            }
            return timeText;
        }

        private static String orDash(String value) {
            return value == null || value.isEmpty() ? "-" : value;
        }

        /** The user of {@code Authorization: Basic ...}, as Gunicorn's %(u)s. */
        private static String basicUser(String authorization) {
            if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
                return null;
            }
            try {
                String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
                        StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return colon < 0 ? null : decoded.substring(0, colon);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }
}
