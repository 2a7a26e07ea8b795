package io.narwhal.settings;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The settings the master runs with. Keys are Gunicorn's setting names, so a Gunicorn user recognises
 * every one; durations are whole seconds, as in Gunicorn.
 */
public record ServerSettings(BindAddress bind, int workers, String workerClass, int threads, int workerConnections,
        Duration timeout, Duration gracefulTimeout, Duration keepAlive, int limitRequestLine, int limitRequestFields,
        int limitRequestFieldSize, int maxRequests, int maxRequestsJitter, Duration deployHoldTimeout,
        Duration headerTimeout, String httpCompliance, int bodyMinRate, ProxySettings proxy, int spareWorkers,
        String accessLog, AccessLogFormat accessLogFormat, String logLevel, String errorLog, BindAddress metricsBind, StatsdSettings statsd) {

    public static final String BIND = "bind";
    public static final String WORKERS = "workers";
    /** The most workers a pool may have: more would be a typo, not a plan for one machine. */
    public static final int MOST_WORKERS = 1024;
    public static final String WORKER_CLASS = "worker_class";
    public static final String THREADS = "threads";
    /** The most connections a worker has open at once (worker types that keep connections); more wait in the backlog. */
    public static final String WORKER_CONNECTIONS = "worker_connections";
    public static final String TIMEOUT = "timeout";
    public static final String GRACEFUL_TIMEOUT = "graceful_timeout";
    public static final String KEEPALIVE = "keepalive";
    public static final String LIMIT_REQUEST_LINE = "limit_request_line";
    public static final String LIMIT_REQUEST_FIELDS = "limit_request_fields";
    public static final String LIMIT_REQUEST_FIELD_SIZE = "limit_request_field_size";
    public static final String MAX_REQUESTS = "max_requests";
    public static final String MAX_REQUESTS_JITTER = "max_requests_jitter";
    /** Narwhal's own: how long a request waits for its app while a worker swaps it in, before a 503. */
    public static final String DEPLOY_HOLD_TIMEOUT = "deploy_hold_timeout";
    /** Narwhal's own: how long a client has to send a whole request head, from its connection (or its first byte). */
    public static final String HEADER_TIMEOUT = "header_timeout";
    /** Narwhal's own, after Jetty's: how strictly requests are held to RFC 9112 (docs/http-compliance.md). */
    public static final String HTTP_COMPLIANCE = "http_compliance";
    /** Narwhal's own, after Apache's RequestReadTimeout MinRate: the slowest a request body may arrive, bytes/s. */
    public static final String BODY_MIN_RATE = "body_min_rate";
    /** The peers whose X-Forwarded-* and Forwarded headers are believed. */
    public static final String FORWARDED_ALLOW_IPS = "forwarded_allow_ips";
    /** The headers, and their values, by which an allowed proxy says the client's request was https. */
    public static final String SECURE_SCHEME_HEADERS = "secure_scheme_headers";
    /** Whether connections from proxy_allow_ips begin with a PROXY protocol header, and which version. */
    public static final String PROXY_PROTOCOL = "proxy_protocol";
    public static final String PROXY_ALLOW_IPS = "proxy_allow_ips";
    /**
     * Narwhal's own: workers kept booted but not accepting, each promoted at once in place of a serving worker
     * that dies or is retired, so a lost worker is replaced without a JVM boot.
     */
    public static final String SPARE_WORKERS = "spare_workers";
    /** Where each worker writes a line per request: a file, {@code -} for stdout, empty for none (Gunicorn's). */
    public static final String ACCESSLOG = "accesslog";
    /** The access log line, in Gunicorn's atoms ({@link AccessLogFormat}). */
    public static final String ACCESS_LOG_FORMAT = "access_log_format";
    /** The error log's granularity in master and workers: debug, info, warning, error or critical (Gunicorn's). */
    public static final String LOGLEVEL = "loglevel";
    /**
     * Where master and workers write their log lines: {@value #STDERR} for stderr, or a file they all append to
     * (Gunicorn's errorlog).
     */
    public static final String ERRORLOG = "errorlog";
    /**
     * Narwhal's own: where the master serves metrics and health (its admin listener), HOST:PORT or PORT alone for
     * loopback; empty for off.
     */
    public static final String METRICS_BIND = "metrics_bind";
    /** Where the master sends statsd metrics, HOST:PORT (Gunicorn's). */
    public static final String STATSD_HOST = "statsd_host";
    /** Put before every statsd metric name (Gunicorn's). */
    public static final String STATSD_PREFIX = "statsd_prefix";
    /** DogStatsD tags added to every statsd line (Gunicorn's). */
    public static final String DOGSTATSD_TAGS = "dogstatsd_tags";
    /** errorlog's value for stderr, as Gunicorn's. */
    public static final String STDERR = "-";

    /** The keys in the order a user reads them ({@link Setting#ALL}'s). */
    public static final List<String> KEYS = Setting.ALL.stream().map(Setting::key).toList();

    /** Gunicorn's ceilings: 0 for a limit means these (Gunicorn calls it unlimited and caps it the same way). */
    public static final int MAX_REQUEST_LINE = 8190;
    public static final int MAX_REQUEST_FIELDS = 32768;
    public static final int MAX_REQUEST_FIELD_SIZE = 65536;

    /** The compliance modes of the HTTP/1.1 codec, as http_compliance names them. */
    public static final List<String> HTTP_COMPLIANCE_MODES = List.of("strict", "lenient");

    /** Gunicorn's log levels. */
    public static final List<String> LOG_LEVELS = List.of("debug", "info", "warning", "error", "critical");

    private static final Map<String, String> DEFAULTS = Setting.ALL.stream()
            .collect(Collectors.toUnmodifiableMap(Setting::key, Setting::defaultValue));

    public static ServerSettings defaults() {
        try {
            return parse(Map.of());
        } catch (InvalidSettingException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Reads settings over the defaults. Keys with a dot (service.pid, felix.fileinstall.filename, ...) belong
     * to the configuration machinery and are skipped; any other unknown key is an error, so a typo is not
     * silently ignored.
     */
    public static ServerSettings parse(Map<String, ?> values) throws InvalidSettingException {
        for (String key : values.keySet()) {
            if (key.indexOf('.') < 0 && !KEYS.contains(key)) {
                throw new InvalidSettingException("unknown setting '" + key + "' (known: " + String.join(", ", KEYS) + ")");
            }
        }
        Map<String, String> merged = new LinkedHashMap<>(DEFAULTS);
        values.forEach((key, value) -> {
            if (KEYS.contains(key) && value != null) {
                merged.put(key, value.toString().strip());
            }
        });
        return new ServerSettings(
                BindAddress.parse(merged.get(BIND)),
                positiveInt(merged, WORKERS, 1, MOST_WORKERS),
                workerClass(merged.get(WORKER_CLASS)),
                positiveInt(merged, THREADS, 1, 10_000),
                positiveInt(merged, WORKER_CONNECTIONS, 1, 100_000),
                seconds(merged, TIMEOUT, 1),
                seconds(merged, GRACEFUL_TIMEOUT, 0),
                seconds(merged, KEEPALIVE, 0),
                limit(merged, LIMIT_REQUEST_LINE, MAX_REQUEST_LINE),
                limit(merged, LIMIT_REQUEST_FIELDS, MAX_REQUEST_FIELDS),
                limit(merged, LIMIT_REQUEST_FIELD_SIZE, MAX_REQUEST_FIELD_SIZE),
                positiveInt(merged, MAX_REQUESTS, 0, Integer.MAX_VALUE),
                positiveInt(merged, MAX_REQUESTS_JITTER, 0, Integer.MAX_VALUE),
                seconds(merged, DEPLOY_HOLD_TIMEOUT, 0),
                seconds(merged, HEADER_TIMEOUT, 1),
                oneOf(merged, HTTP_COMPLIANCE, HTTP_COMPLIANCE_MODES),
                positiveInt(merged, BODY_MIN_RATE, 0, 1_000_000_000),
                ProxySettings.parse(merged),
                positiveInt(merged, SPARE_WORKERS, 0, 64),
                merged.get(ACCESSLOG),
                AccessLogFormat.parse(merged.get(ACCESS_LOG_FORMAT)),
                oneOf(merged, LOGLEVEL, LOG_LEVELS),
                errorLog(merged.get(ERRORLOG)),
                metricsBind(merged.get(METRICS_BIND)),
                StatsdSettings.parse(merged));
    }

    /**
     * The settings given as properties named prefix + key (framework properties, as the launcher hands them to the
     * master and the master to its workers), by key; a setting with no property is left out, for the defaults.
     */
    public static Map<String, String> fromProperties(String prefix, UnaryOperator<String> property) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : KEYS) {
            String value = property.apply(prefix + key);
            if (value != null) {
                values.put(key, value);
            }
        }
        return values;
    }

    /**
     * These settings, listening where {@code running} does: a running master keeps its sockets (bind, metrics_bind)
     * whatever a new file says.
     */
    public ServerSettings listeningAs(ServerSettings running) {
        return new ServerSettings(running.bind, workers, workerClass, threads, workerConnections, timeout,
                gracefulTimeout, keepAlive, limitRequestLine, limitRequestFields, limitRequestFieldSize, maxRequests,
                maxRequestsJitter, deployHoldTimeout, headerTimeout, httpCompliance, bodyMinRate, proxy, spareWorkers,
                accessLog, accessLogFormat, logLevel, errorLog, running.metricsBind, statsd);
    }

    /** The settings as the strings they would be written as in a .cfg file. */
    public Map<String, String> toMap() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put(BIND, bind.toString());
        map.put(WORKERS, Integer.toString(workers));
        map.put(WORKER_CLASS, workerClass);
        map.put(THREADS, Integer.toString(threads));
        map.put(WORKER_CONNECTIONS, Integer.toString(workerConnections));
        map.put(TIMEOUT, Long.toString(timeout.toSeconds()));
        map.put(GRACEFUL_TIMEOUT, Long.toString(gracefulTimeout.toSeconds()));
        map.put(KEEPALIVE, Long.toString(keepAlive.toSeconds()));
        map.put(LIMIT_REQUEST_LINE, Integer.toString(limitRequestLine));
        map.put(LIMIT_REQUEST_FIELDS, Integer.toString(limitRequestFields));
        map.put(LIMIT_REQUEST_FIELD_SIZE, Integer.toString(limitRequestFieldSize));
        map.put(MAX_REQUESTS, Integer.toString(maxRequests));
        map.put(MAX_REQUESTS_JITTER, Integer.toString(maxRequestsJitter));
        map.put(DEPLOY_HOLD_TIMEOUT, Long.toString(deployHoldTimeout.toSeconds()));
        map.put(HEADER_TIMEOUT, Long.toString(headerTimeout.toSeconds()));
        map.put(HTTP_COMPLIANCE, httpCompliance);
        map.put(BODY_MIN_RATE, Integer.toString(bodyMinRate));
        proxy.writeTo(map);
        map.put(SPARE_WORKERS, Integer.toString(spareWorkers));
        map.put(ACCESSLOG, accessLog);
        map.put(ACCESS_LOG_FORMAT, accessLogFormat.text());
        map.put(LOGLEVEL, logLevel);
        map.put(ERRORLOG, errorLog);
        map.put(METRICS_BIND, metricsBind == null ? "" : metricsBind.toString());
        statsd.writeTo(map);
        return map;
    }

    /**
     * A worker class's name; which ones exist is the installation's to say (WorkerClasses), checked by the master
     * against the worker-type bundles it has.
     */
    private static String workerClass(String value) throws InvalidSettingException {
        if (!value.matches("[a-z][a-z0-9_-]*")) {
            throw new InvalidSettingException("invalid " + WORKER_CLASS + " '" + value
                    + "' (a worker class is a name such as sync or virtual)");
        }
        return value;
    }

    /** Off (null) when empty; a port alone is on loopback, so metrics are never public by accident. */
    private static BindAddress metricsBind(String value) throws InvalidSettingException {
        if (value.isEmpty()) {
            return null;
        }
        return BindAddress.parse(METRICS_BIND, value.chars().allMatch(Character::isDigit) ? "127.0.0.1:" + value : value);
    }

    /** Whether the file can be appended to is the world's to say: {@link ErrorLogFile#requireWritable}. */
    private static String errorLog(String value) throws InvalidSettingException {
        if (value.isEmpty()) {
            throw new InvalidSettingException("invalid " + ERRORLOG + " '' (expected " + STDERR
                    + " for stderr, or a file)");
        }
        return value;
    }

    private static String oneOf(Map<String, String> values, String key, List<String> allowed)
            throws InvalidSettingException {
        String value = values.get(key);
        if (!allowed.contains(value)) {
            throw new InvalidSettingException("invalid " + key + " '" + value + "' (expected one of: "
                    + String.join(", ", allowed) + ")");
        }
        return value;
    }

    private static int positiveInt(Map<String, String> values, String key, int min, int max)
            throws InvalidSettingException {
        String text = values.get(key);
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        throw new InvalidSettingException(
                "invalid " + key + " '" + text + "' (expected a whole number from " + min + " to " + max + ")");
    }

    private static int limit(Map<String, String> values, String key, int max) throws InvalidSettingException {
        int value = positiveInt(values, key, 0, max);
        return value == 0 ? max : value;
    }

    private static Duration seconds(Map<String, String> values, String key, int min) throws InvalidSettingException {
        return Duration.ofSeconds(positiveInt(values, key, min, 86_400));
    }
}
