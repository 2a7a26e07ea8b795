package io.narwhal.control;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A message on the control channel. A line is a verb and its fields separated by single spaces; a text field
 * is percent-encoded (URL form), so names with spaces, a file path or a failure's message fit on one line.
 */
public sealed interface ControlMessage {
    /** A reason longer than this is cut: a log line, not a stack trace. */
    int LONGEST_REASON = 500;

    /** The message as one line, without its line end. */
    String encode();

    /** Writes the message as its line, line end included, whole (the channel is in blocking mode). */
    default void writeTo(WritableByteChannel channel) throws IOException {
        ByteBuffer line = ByteBuffer.wrap((encode() + "\n").getBytes(StandardCharsets.US_ASCII));
        while (line.hasRemaining()) {
            channel.write(line);
        }
    }

    /** Reads one line; throws {@link MalformedMessageException} saying what is wrong with it. */
    static ControlMessage parse(String line) {
        String[] words = line.split(" ", -1);
        try {
            return switch (words[0]) {
                case Hello.VERB -> new Hello(Long.parseLong(field(words, 1, 2)));
                case Ready.VERB -> { field(words, 0, 1); yield new Ready(); }
                case Promote.VERB -> { field(words, 0, 1); yield new Promote(); }
                case ReopenLogs.VERB -> { field(words, 0, 1); yield new ReopenLogs(); }
                case Heartbeat.VERB -> new Heartbeat(Long.parseLong(field(words, 1, 3)), Long.parseLong(words[2]));
                case Deploy.VERB -> new Deploy(text(words, 1, 4), text(words, 2, 4), Path.of(text(words, 3, 4)));
                case Undeploy.VERB -> new Undeploy(text(words, 1, 2));
                case AppActive.VERB -> new AppActive(text(words, 1, 3), text(words, 2, 3));
                case AppFailed.VERB -> new AppFailed(text(words, 1, 4), text(words, 2, 4), text(words, 3, 4));
                case AppRemoved.VERB -> new AppRemoved(text(words, 1, 2));
                case AppMounts.VERB -> AppMounts.parse(words);
                case WorkerStats.VERB -> WorkerStats.parse(words);
                default -> throw new MalformedMessageException("unknown control message: " + shorten(line));
            };
        } catch (IllegalArgumentException e) {
            if (e instanceof MalformedMessageException malformed) {
                throw malformed;
            }
            throw new MalformedMessageException("malformed control message (" + e.getMessage() + "): " + shorten(line));
        }
    }

    /** The worker's first line: who it is. */
    record Hello(long pid) implements ControlMessage {
        static final String VERB = "HELLO";

        @Override
        public String encode() {
            return VERB + " " + pid;
        }
    }

    /** The worker is booted: it accepts connections from now on, or, if spawned as a spare, once promoted. */
    record Ready() implements ControlMessage {
        static final String VERB = "READY";

        @Override
        public String encode() {
            return VERB;
        }
    }

    /** Master to a spare worker: start accepting, in place of a serving worker that is gone or going. */
    record Promote() implements ControlMessage {
        static final String VERB = "PROMOTE";

        @Override
        public String encode() {
            return VERB;
        }
    }

    /** Master to worker: reopen the log files (USR1 to the master, as logrotate sends it). */
    record ReopenLogs() implements ControlMessage {
        static final String VERB = "REOPEN_LOGS";

        @Override
        public String encode() {
            return VERB;
        }
    }

    /** The worker is alive; its serving loop last made progress {@code ageMillis} before it sent this. */
    record Heartbeat(long ageMillis, long requests) implements ControlMessage {
        static final String VERB = "HB";

        @Override
        public String encode() {
            return VERB + " " + ageMillis + " " + requests;
        }
    }

    /**
     * Master to worker: serve this revision of the app (install it, or update the running one in place).
     *
     * @param app the app's name: its file name in the deploy folder
     * @param checksum the revision: the SHA-256 of the jar, in hex
     * @param jar the master's staged copy of that jar, which does not change while any worker may read it
     */
    record Deploy(String app, String checksum, Path jar) implements ControlMessage {
        static final String VERB = "DEPLOY";

        @Override
        public String encode() {
            return VERB + " " + encoded(app) + " " + encoded(checksum) + " " + encoded(jar.toString());
        }

        /** Several deploys as one value (a worker's boot argument): encoded lines separated by commas. */
        public static String encodeAll(List<Deploy> deploys) {
            return String.join(",", deploys.stream().map(Deploy::encode).toList());
        }

        public static List<Deploy> parseAll(String value) {
            List<Deploy> deploys = new ArrayList<>();
            if (value == null || value.isEmpty()) {
                return deploys;
            }
            for (String line : value.split(",")) {
                if (!(parse(line) instanceof Deploy deploy)) {
                    throw new MalformedMessageException("not a deploy: " + shorten(line));
                }
                deploys.add(deploy);
            }
            return deploys;
        }
    }

    /** Master to worker: stop serving the app and remove it. */
    record Undeploy(String app) implements ControlMessage {
        static final String VERB = "UNDEPLOY";

        @Override
        public String encode() {
            return VERB + " " + encoded(app);
        }
    }

    /** Worker to master: this revision of the app is active, mounted and answered its health request. */
    record AppActive(String app, String checksum) implements ControlMessage {
        static final String VERB = "APP_ACTIVE";

        @Override
        public String encode() {
            return VERB + " " + encoded(app) + " " + encoded(checksum);
        }
    }

    /** Worker to master: this revision could not be made to serve; the worker went back to what it had. */
    record AppFailed(String app, String checksum, String reason) implements ControlMessage {
        static final String VERB = "APP_FAILED";

        public AppFailed {
            reason = shorten(reason.replace('\n', ' ').replace('\r', ' '));
        }

        @Override
        public String encode() {
            return VERB + " " + encoded(app) + " " + encoded(checksum) + " " + encoded(reason);
        }
    }

    /** Worker to master: the app is gone from this worker. */
    record AppRemoved(String app) implements ControlMessage {
        static final String VERB = "APP_REMOVED";

        @Override
        public String encode() {
            return VERB + " " + encoded(app);
        }
    }

    /**
     * Worker to master: where each of its apps is mounted now, sent whenever that changes (an app registered,
     * updated or gone): app name to its mounts, as {@code /path} or {@code host/path}, several joined by commas.
     */
    record AppMounts(Map<String, String> mounts) implements ControlMessage {
        static final String VERB = "MOUNTS";

        public AppMounts {
            mounts = Collections.unmodifiableMap(new TreeMap<>(mounts));
        }

        @Override
        public String encode() {
            StringBuilder line = new StringBuilder(VERB);
            mounts.forEach((app, mount) -> line.append(' ').append(encoded(app)).append(' ').append(encoded(mount)));
            return line.toString();
        }

        static AppMounts parse(String[] words) {
            if (words.length % 2 == 0) {
                throw new IllegalArgumentException("expected pairs of app and mount, got " + (words.length - 1)
                        + " field(s)");
            }
            Map<String, String> mounts = new TreeMap<>();
            for (int i = 1; i < words.length; i += 2) {
                mounts.put(URLDecoder.decode(words[i], StandardCharsets.UTF_8),
                        URLDecoder.decode(words[i + 1], StandardCharsets.UTF_8));
            }
            return new AppMounts(mounts);
        }
    }

    /**
     * Worker to master, with its heartbeats: what it served since it started, app by app, and its gauges now. The
     * counts only grow, so the master sums the last report of every worker, gone ones included.
     *
     * @param inFlight requests being served now
     * @param openConnections connections open now
     * @param connections connections accepted since the worker started
     * @param heapUsedBytes the JVM's heap in use
     * @param heapCommittedBytes the heap the JVM holds from the system
     * @param metaspaceUsedBytes class metadata in use (it grows with every app revision loaded)
     */
    record WorkerStats(long inFlight, long openConnections, long connections, long heapUsedBytes,
            long heapCommittedBytes, long metaspaceUsedBytes, List<AppRequests> apps) implements ControlMessage {
        static final String VERB = "STATS";
        private static final int GAUGES = 6;

        public WorkerStats {
            apps = List.copyOf(apps);
        }

        @Override
        public String encode() {
            StringBuilder line = new StringBuilder(VERB);
            for (long gauge : new long[] {inFlight, openConnections, connections, heapUsedBytes, heapCommittedBytes,
                    metaspaceUsedBytes}) {
                line.append(' ').append(gauge);
            }
            apps.forEach(app -> app.appendTo(line));
            return line.toString();
        }

        static WorkerStats parse(String[] words) {
            if (words.length < GAUGES + 1 || (words.length - 1 - GAUGES) % AppRequests.WORDS != 0) {
                throw new IllegalArgumentException("expected " + GAUGES + " gauges, then groups of "
                        + AppRequests.WORDS + " per app, got " + (words.length - 1) + " field(s)");
            }
            long[] gauges = new long[GAUGES];
            for (int i = 0; i < GAUGES; i++) {
                gauges[i] = Long.parseLong(words[1 + i]);
            }
            List<AppRequests> apps = new ArrayList<>();
            for (int i = 1 + GAUGES; i < words.length; i += AppRequests.WORDS) {
                apps.add(AppRequests.parse(words, i));
            }
            return new WorkerStats(gauges[0], gauges[1], gauges[2], gauges[3], gauges[4], gauges[5], apps);
        }
    }

    /**
     * The requests one worker served for one app since it started.
     *
     * @param app the app's name (its jar's in the deploy folder), or {@link #NO_APP} for requests no app took
     * @param byStatus how many were answered with each status code, by code
     * @param latencyBuckets how many took how long, per {@link LatencyBuckets} (not cumulative)
     * @param latencySumMicros their latencies added up
     */
    record AppRequests(String app, Map<Integer, Long> byStatus, List<Long> latencyBuckets, long latencySumMicros) {
        /** The app of requests no app took: no mount matched, or the path was refused. */
        public static final String NO_APP = "-";
        /** 1xx to 5xx. */
        public static final int STATUS_CLASSES = 5;
        static final int WORDS = 4;

        public AppRequests {
            byStatus = Collections.unmodifiableMap(new TreeMap<>(byStatus));
            latencyBuckets = List.copyOf(latencyBuckets);
            if (latencyBuckets.size() != LatencyBuckets.COUNT) {
                throw new IllegalArgumentException("expected " + LatencyBuckets.COUNT + " latency buckets, got "
                        + latencyBuckets.size());
            }
            for (Map.Entry<Integer, Long> status : byStatus.entrySet()) {
                if (status.getKey() < 100 || status.getKey() > 999 || status.getValue() < 0) {
                    throw new IllegalArgumentException("not a status code and its count: " + status);
                }
            }
        }

        /** The status class of a code: 0 for 1xx up to 4 for 5xx (and above). */
        public static int statusClass(int status) {
            return Math.min(status / 100, STATUS_CLASSES) - 1;
        }

        /** How many were answered 1xx, 2xx, 3xx, 4xx and 5xx. */
        public List<Long> byStatusClass() {
            long[] classes = new long[STATUS_CLASSES];
            byStatus.forEach((status, count) -> classes[statusClass(status)] += count);
            return java.util.Arrays.stream(classes).boxed().toList();
        }

        /** All of them. */
        public long requests() {
            return byStatus.values().stream().mapToLong(Long::longValue).sum();
        }

        void appendTo(StringBuilder line) {
            line.append(' ').append(encoded(app)).append(' ');
            boolean first = true;
            for (Map.Entry<Integer, Long> status : byStatus.entrySet()) {
                line.append(first ? "" : ",").append(status.getKey()).append(':').append(status.getValue());
                first = false;
            }
            line.append(' ');
            for (int i = 0; i < latencyBuckets.size(); i++) {
                line.append(i == 0 ? "" : ",").append(latencyBuckets.get(i));
            }
            line.append(' ').append(latencySumMicros);
        }

        static AppRequests parse(String[] words, int at) {
            Map<Integer, Long> byStatus = new TreeMap<>();
            if (!words[at + 1].isEmpty()) {
                for (String pair : words[at + 1].split(",", -1)) {
                    int colon = pair.indexOf(':');
                    if (colon < 0) {
                        throw new IllegalArgumentException("expected STATUS:COUNT, got " + pair);
                    }
                    byStatus.put(Integer.parseInt(pair.substring(0, colon)), Long.parseLong(pair.substring(colon + 1)));
                }
            }
            List<Long> buckets = new ArrayList<>();
            for (String count : words[at + 2].split(",", -1)) {
                long value = Long.parseLong(count);
                if (value < 0) {
                    throw new IllegalArgumentException("a negative count: " + value);
                }
                buckets.add(value);
            }
            return new AppRequests(URLDecoder.decode(words[at], StandardCharsets.UTF_8), byStatus, buckets,
                    Long.parseLong(words[at + 3]));
        }
    }

    private static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** Field {@code index} of a line that must have exactly {@code count} words. */
    private static String field(String[] words, int index, int count) {
        if (words.length != count) {
            throw new IllegalArgumentException("expected " + (count - 1) + " field(s), got " + (words.length - 1));
        }
        return words[index];
    }

    private static String text(String[] words, int index, int count) {
        return URLDecoder.decode(field(words, index, count), StandardCharsets.UTF_8);
    }

    private static String shorten(String text) {
        return text.length() <= LONGEST_REASON ? text : text.substring(0, LONGEST_REASON) + "...";
    }
}
