package io.narwhal.settings;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code narwhal} command line, with Gunicorn's flags. Flags override the configuration files; each
 * flag's value is checked with the same rules as the files.
 *
 * @param overrides the settings given by flags, by setting name
 * @param configFile the file given with -c, or null
 * @param pidFile the file given with -p, or null
 * @param action what the command is to do: serve, unless a flag asks for something else
 */
public record CommandLine(Map<String, String> overrides, Path configFile, Path pidFile, Action action) {
    /** What narwhal does with the settings it read; the last such flag given wins. */
    public enum Action {
        SERVE,
        /** -h, --help: the usage, then exit. */
        HELP,
        /** -v, --version */
        VERSION,
        /** --check-config, as Gunicorn's: every setting checked as a start would check it, then exit 0. */
        CHECK_CONFIG,
        /** --print-config, as Gunicorn's: checked, then the effective settings printed as a .cfg file, exit 0. */
        PRINT_CONFIG
    }

    private static final Map<String, Action> ACTION_FLAGS = Map.of("-h", Action.HELP, "--help", Action.HELP,
            "-v", Action.VERSION, "--version", Action.VERSION, "--check-config", Action.CHECK_CONFIG,
            "--print-config", Action.PRINT_CONFIG);

    /** @param bareValue the value when the flag is given without one (--proxy-protocol), or null when one is needed */
    private record Flag(String shortName, String longName, String setting, String bareValue) {
        Flag(String shortName, String longName, String setting) {
            this(shortName, longName, setting, null);
        }

        String names() {
            return shortName == null ? longName : shortName + "/" + longName;
        }
    }

    private static final String CONFIG = "-c FILE";
    private static final String PID = "-p FILE";
    private static final List<Flag> FLAGS = List.of(
            new Flag("-b", "--bind", ServerSettings.BIND),
            new Flag("-w", "--workers", ServerSettings.WORKERS),
            new Flag("-k", "--worker-class", ServerSettings.WORKER_CLASS),
            new Flag(null, "--threads", ServerSettings.THREADS),
            new Flag(null, "--worker-connections", ServerSettings.WORKER_CONNECTIONS),
            new Flag(null, "--spare-workers", ServerSettings.SPARE_WORKERS),
            new Flag("-t", "--timeout", ServerSettings.TIMEOUT),
            new Flag(null, "--graceful-timeout", ServerSettings.GRACEFUL_TIMEOUT),
            new Flag(null, "--keep-alive", ServerSettings.KEEPALIVE),
            new Flag(null, "--max-requests", ServerSettings.MAX_REQUESTS),
            new Flag(null, "--max-requests-jitter", ServerSettings.MAX_REQUESTS_JITTER),
            new Flag(null, "--limit-request-line", ServerSettings.LIMIT_REQUEST_LINE),
            new Flag(null, "--limit-request-fields", ServerSettings.LIMIT_REQUEST_FIELDS),
            new Flag(null, "--limit-request-field_size", ServerSettings.LIMIT_REQUEST_FIELD_SIZE),
            new Flag(null, "--deploy-hold-timeout", ServerSettings.DEPLOY_HOLD_TIMEOUT),
            new Flag(null, "--header-timeout", ServerSettings.HEADER_TIMEOUT),
            new Flag(null, "--http-compliance", ServerSettings.HTTP_COMPLIANCE),
            new Flag(null, "--body-min-rate", ServerSettings.BODY_MIN_RATE),
            new Flag(null, "--forwarded-allow-ips", ServerSettings.FORWARDED_ALLOW_IPS),
            new Flag(null, "--secure-scheme-headers", ServerSettings.SECURE_SCHEME_HEADERS),
            new Flag(null, "--proxy-protocol", ServerSettings.PROXY_PROTOCOL, "auto"),
            new Flag(null, "--proxy-allow-from", ServerSettings.PROXY_ALLOW_IPS),
            new Flag(null, "--access-logfile", ServerSettings.ACCESSLOG),
            new Flag(null, "--access-logformat", ServerSettings.ACCESS_LOG_FORMAT),
            new Flag(null, "--log-level", ServerSettings.LOGLEVEL),
            new Flag(null, "--error-logfile", ServerSettings.ERRORLOG),
            new Flag(null, "--log-file", ServerSettings.ERRORLOG),
            new Flag("-c", "--config", CONFIG),
            new Flag("-p", "--pid", PID));

    public static final String USAGE = """
            usage: narwhal [-c FILE] [-p FILE] [-b ADDRESS] [-w INT] [-k STRING] [--threads INT]
                           [--worker-connections INT] [--spare-workers INT] [-t INT] [--graceful-timeout INT]
                           [--keep-alive INT] [--max-requests INT] [--max-requests-jitter INT]
                           [--limit-request-line INT]
                           [--limit-request-fields INT] [--limit-request-field_size INT]
                           [--deploy-hold-timeout INT] [--header-timeout INT]
                           [--http-compliance MODE] [--body-min-rate INT] [--forwarded-allow-ips LIST]
                           [--secure-scheme-headers LIST] [--proxy-protocol [MODE]]
                           [--proxy-allow-from LIST] [--access-logfile FILE]
                           [--access-logformat STRING] [--log-level LEVEL]
                           [--error-logfile FILE] [--check-config] [--print-config] [-h] [-v]

              -c, --config FILE         a .cfg file of settings, read over config/narwhal.server.cfg
              -p, --pid FILE            write the master's PID to this file (removed on exit)
              -b, --bind ADDRESS        the socket to bind, HOST:PORT or [IPV6]:PORT [127.0.0.1:8000]
              -w, --workers INT         the number of worker processes [1]
              -k, --worker-class STRING the type of workers: sync, virtual, gthread (any a worker-type bundle provides) [sync]
                  --threads INT         threads per worker (thread-pool worker types) [1]
                  --worker-connections INT  the most connections open at once per worker (virtual, gthread); more wait
                                        in the backlog [1000]
                  --spare-workers INT   workers booted but not accepting, promoted at once in place of one lost [0]
              -t, --timeout INT         workers silent for more than this many seconds are killed [30]
                  --graceful-timeout INT  seconds to finish in-flight requests on stop or restart [30]
                  --keep-alive INT      seconds to wait for the next request on a keep-alive connection [2]
                  --max-requests INT    requests a worker serves before it is replaced, 0 for never [0]
                  --max-requests-jitter INT  a random 0..INT added per worker, so they do not all restart together [0]
                  --limit-request-line INT        the longest request line in bytes, 0 for 8190 [4094]
                  --limit-request-fields INT      the most header fields in a request, 0 for 32768 [100]
                  --limit-request-field_size INT  the longest header field in bytes, 0 for 65536 [8190]
                  --deploy-hold-timeout INT  seconds a request waits for its app while it is redeployed [5]
                  --header-timeout INT  seconds a client has to send a request head (then 408) [10]
                  --http-compliance MODE  strict (RFC 9112 as written) or lenient (docs/http-compliance.md) [strict]
                  --body-min-rate INT   the slowest a request body may arrive, bytes/s, after header_timeout (then 408); 0 for none [500]
                  --forwarded-allow-ips LIST  peers whose X-Forwarded-*/Forwarded headers are believed:
                                        addresses, CIDR networks or * [127.0.0.1,::1]
                  --secure-scheme-headers LIST  NAME=VALUE pairs by which an allowed proxy says https
                                        [X-Forwarded-Protocol=ssl,X-Forwarded-Proto=https,X-Forwarded-Ssl=on]
                  --proxy-protocol [MODE]  connections from --proxy-allow-from begin with a PROXY header:
                                        off, v1, v2 or auto (the flag alone) [off]
                  --proxy-allow-from LIST  peers that send a PROXY header: addresses, CIDR networks or *
                                        [127.0.0.1,::1]
                  --access-logfile FILE  each worker writes a line per request here; - for stdout [none]
                  --access-logformat STRING  the line, in Gunicorn's atoms (docs/operations.md)
                                        [%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s"]
                  --log-level LEVEL     debug, info, warning, error or critical, in master and workers [info]
                  --error-logfile FILE, --log-file FILE  master and workers append their log lines here;
                                        - for stderr [-]
                  --check-config        check the configuration (files and flags) as a start would, and exit:
                                        0 when it holds, 2 with the error
                  --print-config        check it, then print every effective setting as a .cfg file sets it, and exit
              -h, --help                show this help and exit
              -v, --version             show the version and exit
            """;

    public static CommandLine parse(String... args) throws InvalidSettingException {
        Map<String, String> overrides = new LinkedHashMap<>();
        // Which flag gave each setting, to name it in an error: two flags may give one (--error-logfile, --log-file).
        Map<String, Flag> givenBy = new LinkedHashMap<>();
        Path configFile = null;
        Path pidFile = null;
        Action action = Action.SERVE;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (ACTION_FLAGS.containsKey(arg)) {
                action = ACTION_FLAGS.get(arg);
                continue;
            }
            Flag flag = null;
            String value = null;
            for (Flag candidate : FLAGS) {
                if (arg.equals(candidate.longName) || arg.equals(candidate.shortName)) {
                    flag = candidate;
                    boolean valueFollows = i + 1 < args.length && !args[i + 1].startsWith("-");
                    if (candidate.bareValue != null && !valueFollows) {
                        value = candidate.bareValue;
                    } else if (i + 1 >= args.length) {
                        throw new InvalidSettingException("argument " + flag.names() + ": expected one argument");
                    } else {
                        value = args[++i];
                    }
                } else if (arg.startsWith(candidate.longName + "=")) {
                    flag = candidate;
                    value = arg.substring(candidate.longName.length() + 1);
                } else if (candidate.shortName != null && arg.startsWith(candidate.shortName) && arg.length() > 2
                        && !arg.startsWith("--")) {
                    flag = candidate;
                    value = arg.substring(2);
                }
                if (flag != null) {
                    break;
                }
            }
            if (flag == null) {
                throw new InvalidSettingException(arg.startsWith("-")
                        ? "unrecognized argument: " + arg
                        : "unexpected argument '" + arg + "' (apps are deployed by dropping their bundle into deploy/)");
            }
            if (flag.setting.equals(CONFIG)) {
                configFile = Path.of(value);
            } else if (flag.setting.equals(PID)) {
                pidFile = Path.of(value);
            } else {
                if (overrides.containsKey(flag.setting)) {
                    throw new InvalidSettingException("argument " + flag.names() + ": given more than once");
                }
                overrides.put(flag.setting, value);
                givenBy.put(flag.setting, flag);
            }
        }
        // Check each flag's value now, naming the flag, so a typo never starts anything.
        for (Map.Entry<String, String> entry : overrides.entrySet()) {
            try {
                ServerSettings.parse(Map.of(entry.getKey(), entry.getValue()));
            } catch (InvalidSettingException e) {
                throw new InvalidSettingException("argument " + givenBy.get(entry.getKey()).names() + ": " + e.getMessage());
            }
        }
        return new CommandLine(Map.copyOf(overrides), configFile, pidFile, action);
    }
}
