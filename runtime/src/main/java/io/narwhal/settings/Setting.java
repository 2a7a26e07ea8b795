package io.narwhal.settings;

import static io.narwhal.settings.ServerSettings.ACCESSLOG;
import static io.narwhal.settings.ServerSettings.ACCESS_LOG_FORMAT;
import static io.narwhal.settings.ServerSettings.BIND;
import static io.narwhal.settings.ServerSettings.BODY_MIN_RATE;
import static io.narwhal.settings.ServerSettings.DEPLOY_HOLD_TIMEOUT;
import static io.narwhal.settings.ServerSettings.DOGSTATSD_TAGS;
import static io.narwhal.settings.ServerSettings.ERRORLOG;
import static io.narwhal.settings.ServerSettings.FORWARDED_ALLOW_IPS;
import static io.narwhal.settings.ServerSettings.GRACEFUL_TIMEOUT;
import static io.narwhal.settings.ServerSettings.HEADER_TIMEOUT;
import static io.narwhal.settings.ServerSettings.HTTP_COMPLIANCE;
import static io.narwhal.settings.ServerSettings.KEEPALIVE;
import static io.narwhal.settings.ServerSettings.LIMIT_REQUEST_FIELDS;
import static io.narwhal.settings.ServerSettings.LIMIT_REQUEST_FIELD_SIZE;
import static io.narwhal.settings.ServerSettings.LIMIT_REQUEST_LINE;
import static io.narwhal.settings.ServerSettings.LOGLEVEL;
import static io.narwhal.settings.ServerSettings.MAX_REQUESTS;
import static io.narwhal.settings.ServerSettings.MAX_REQUESTS_JITTER;
import static io.narwhal.settings.ServerSettings.METRICS_BIND;
import static io.narwhal.settings.ServerSettings.PROXY_ALLOW_IPS;
import static io.narwhal.settings.ServerSettings.PROXY_PROTOCOL;
import static io.narwhal.settings.ServerSettings.SECURE_SCHEME_HEADERS;
import static io.narwhal.settings.ServerSettings.SPARE_WORKERS;
import static io.narwhal.settings.ServerSettings.STATSD_HOST;
import static io.narwhal.settings.ServerSettings.STATSD_PREFIX;
import static io.narwhal.settings.ServerSettings.THREADS;
import static io.narwhal.settings.ServerSettings.TIMEOUT;
import static io.narwhal.settings.ServerSettings.WORKERS;
import static io.narwhal.settings.ServerSettings.WORKER_CLASS;
import static io.narwhal.settings.ServerSettings.WORKER_CONNECTIONS;

import java.util.List;

/**
 * One setting as a user meets it: its key in a .cfg file (Gunicorn's name), its flags, its default and its line of
 * help. The settings' keys and defaults ({@link ServerSettings#KEYS}), the command line's flags and its {@code --help}
 * all come from {@link #ALL}, and a test holds docs/operations.md's table to it; {@link ServerSettings#parse} reads
 * each typed value.
 *
 * @param flags the short flag (if any) first, then the long ones
 * @param metavar what the flag's value is, in {@code --help}
 * @param bareValue the value when the flag is given without one, or null when one is needed
 */
public record Setting(String key, List<String> flags, String metavar, String defaultValue, String help,
        String bareValue) {

    Setting(String key, List<String> flags, String metavar, String defaultValue, String help) {
        this(key, flags, metavar, defaultValue, help, null);
    }

    /** The short flag, as {@code -b}, or null when the setting has only long ones. */
    String shortFlag() {
        return flags.getFirst().startsWith("--") ? null : flags.getFirst();
    }

    List<String> longFlags() {
        return shortFlag() == null ? flags : flags.subList(1, flags.size());
    }

    /** In the order a user reads them, as --help lists them. */
    public static final List<Setting> ALL = List.of(
            new Setting(BIND, List.of("-b", "--bind"), "ADDRESS", "127.0.0.1:8000",
                    "the socket to bind, HOST:PORT or [IPV6]:PORT"),
            new Setting(WORKERS, List.of("-w", "--workers"), "INT", "1", "the number of worker processes"),
            new Setting(WORKER_CLASS, List.of("-k", "--worker-class"), "STRING", "sync",
                    "the type of workers: sync, virtual, gthread (any a worker-type bundle provides)"),
            new Setting(THREADS, List.of("--threads"), "INT", "1", "threads per worker (thread-pool worker types)"),
            new Setting(WORKER_CONNECTIONS, List.of("--worker-connections"), "INT", "1000",
                    "the most connections open at once per worker (virtual, gthread); more wait in the backlog"),
            new Setting(SPARE_WORKERS, List.of("--spare-workers"), "INT", "0",
                    "workers booted but not accepting, promoted at once in place of one lost"),
            new Setting(TIMEOUT, List.of("-t", "--timeout"), "INT", "30",
                    "workers silent for more than this many seconds are killed"),
            new Setting(GRACEFUL_TIMEOUT, List.of("--graceful-timeout"), "INT", "30",
                    "seconds to finish in-flight requests on stop or restart"),
            new Setting(KEEPALIVE, List.of("--keep-alive"), "INT", "2",
                    "seconds to wait for the next request on a keep-alive connection"),
            new Setting(MAX_REQUESTS, List.of("--max-requests"), "INT", "0",
                    "requests a worker serves before it is replaced, 0 for never"),
            new Setting(MAX_REQUESTS_JITTER, List.of("--max-requests-jitter"), "INT", "0",
                    "a random 0..INT added per worker, so they do not all restart together"),
            new Setting(LIMIT_REQUEST_LINE, List.of("--limit-request-line"), "INT", "4094",
                    "the longest request line in bytes, 0 for " + ServerSettings.MAX_REQUEST_LINE),
            new Setting(LIMIT_REQUEST_FIELDS, List.of("--limit-request-fields"), "INT", "100",
                    "the most header fields in a request, 0 for " + ServerSettings.MAX_REQUEST_FIELDS),
            new Setting(LIMIT_REQUEST_FIELD_SIZE, List.of("--limit-request-field_size"), "INT", "8190",
                    "the longest header field in bytes, 0 for " + ServerSettings.MAX_REQUEST_FIELD_SIZE),
            new Setting(DEPLOY_HOLD_TIMEOUT, List.of("--deploy-hold-timeout"), "INT", "5",
                    "seconds a request waits for its app while it is redeployed"),
            new Setting(HEADER_TIMEOUT, List.of("--header-timeout"), "INT", "10",
                    "seconds a client has to send a request head (then 408)"),
            new Setting(BODY_MIN_RATE, List.of("--body-min-rate"), "INT", "500",
                    "the slowest a request body may arrive, bytes/s, after header_timeout (then 408); 0 for none"),
            new Setting(HTTP_COMPLIANCE, List.of("--http-compliance"), "MODE", "strict",
                    "strict (RFC 9112 as written) or lenient (docs/http-compliance.md)"),
            new Setting(FORWARDED_ALLOW_IPS, List.of("--forwarded-allow-ips"), "LIST", "127.0.0.1,::1",
                    "peers whose X-Forwarded-*/Forwarded headers are believed: addresses, CIDR networks or *"),
            new Setting(SECURE_SCHEME_HEADERS, List.of("--secure-scheme-headers"), "LIST",
                    "X-Forwarded-Protocol=ssl,X-Forwarded-Proto=https,X-Forwarded-Ssl=on",
                    "NAME=VALUE pairs by which an allowed proxy says https"),
            new Setting(PROXY_PROTOCOL, List.of("--proxy-protocol"), "[MODE]", "off",
                    "connections from --proxy-allow-from begin with a PROXY header: off, v1, v2 or auto (the flag"
                            + " alone)", "auto"),
            new Setting(PROXY_ALLOW_IPS, List.of("--proxy-allow-from"), "LIST", "127.0.0.1,::1",
                    "peers that send a PROXY header: addresses, CIDR networks or *"),
            new Setting(ACCESSLOG, List.of("--access-logfile"), "FILE", "",
                    "each worker writes a line per request here; - for stdout"),
            new Setting(ACCESS_LOG_FORMAT, List.of("--access-logformat"), "STRING", AccessLogFormat.GUNICORN_DEFAULT,
                    "the line, in Gunicorn's atoms (docs/operations.md)"),
            new Setting(LOGLEVEL, List.of("--log-level"), "LEVEL", "info",
                    "debug, info, warning, error or critical, in master and workers"),
            new Setting(ERRORLOG, List.of("--error-logfile", "--log-file"), "FILE", ServerSettings.STDERR,
                    "master and workers append their log lines here; - for stderr"),
            new Setting(METRICS_BIND, List.of("--metrics-bind"), "ADDRESS", "",
                    "the master serves /metrics and /health here: HOST:PORT, or PORT for 127.0.0.1; empty for off"),
            new Setting(STATSD_HOST, List.of("--statsd-host"), "HOST:PORT", "",
                    "the master sends statsd metrics here over UDP, every second; empty for off"),
            new Setting(STATSD_PREFIX, List.of("--statsd-prefix"), "STRING", "",
                    "put before every statsd metric name (a dot is added)"),
            new Setting(DOGSTATSD_TAGS, List.of("--dogstatsd-tags"), "LIST", "",
                    "DogStatsD tags added to every statsd line: key:value or words, comma-separated"));
}
