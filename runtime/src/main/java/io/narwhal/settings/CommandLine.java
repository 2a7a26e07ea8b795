package io.narwhal.settings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The {@code narwhal} command line, with Gunicorn's flags. Flags override the configuration files; each
 * flag's value is checked with the same rules as the files.
 *
 * @param overrides the settings given by flags, by setting name
 * @param configFile the file given with -c, or null
 * @param pidFile the file given with -p, or null
 * @param action what the command is to do: serve, unless a flag asks for something else
 * @param console --console: the master's terminal takes shell commands while it serves
 */
public record CommandLine(Map<String, String> overrides, Path configFile, Path pidFile, Action action,
        boolean console) {
    public CommandLine(Map<String, String> overrides, Path configFile, Path pidFile, Action action) {
        this(overrides, configFile, pidFile, action, false);
    }

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

    private static final String CONSOLE = "--console";
    private static final String CONFIG = "-c FILE";
    private static final String PID = "-p FILE";
    /** Every setting's flags ({@link Setting#ALL}), then the two that name files. */
    private static final List<Flag> FLAGS = Stream.concat(Setting.ALL.stream().flatMap(CommandLine::flags),
            Stream.of(new Flag("-c", "--config", CONFIG), new Flag("-p", "--pid", PID))).toList();

    /**
     * An option as --help describes it.
     *
     * @param shortFlag its short flag, or null
     * @param metavar what its value is, or null when it takes none
     */
    private record HelpEntry(String shortFlag, List<String> longFlags, String metavar, String help) {
        static HelpEntry of(Setting setting) {
            return new HelpEntry(setting.shortFlag(), setting.longFlags(), setting.metavar(), setting.help() + " ["
                    + (setting.defaultValue().isEmpty() ? "none" : setting.defaultValue()) + "]");
        }

        /** Every option's first long flag in one column, whether a short flag stands before it or not. */
        String names() {
            String names = (shortFlag == null ? "    " : shortFlag + ", ") + String.join(", ", longFlags);
            return metavar == null ? names : names + " " + metavar;
        }
    }

    /** The options that are no setting, in --help. */
    private static final List<HelpEntry> OTHER_OPTIONS_BEFORE = List.of(
            new HelpEntry("-c", List.of("--config"), "FILE",
                    "a .cfg file of settings, read over config/narwhal.server.cfg"),
            new HelpEntry("-p", List.of("--pid"), "FILE", "write the master's PID to this file (removed on exit)"));
    private static final List<HelpEntry> OTHER_OPTIONS_AFTER = List.of(
            new HelpEntry(null, List.of("--check-config"), null, "check the configuration (files and flags) as a"
                    + " start would, and exit: 0 when it holds, 2 with the error"),
            new HelpEntry(null, List.of("--print-config"), null, "check it, then print every effective setting as a"
                    + " .cfg file sets it, and exit"),
            new HelpEntry(null, List.of(CONSOLE), null, "take shell commands (narwhal:workers, ...) on this terminal"
                    + " while serving, as bin/narwhal-shell does from another"),
            new HelpEntry("-h", List.of("--help"), null, "show this help and exit"),
            new HelpEntry("-v", List.of("--version"), null, "show the version and exit"));
    private static final int HELP_COLUMN = 28;
    private static final int WIDTH = 112;

    /** --help: every option, each setting's with its default. */
    public static final String USAGE = usage();

    private static Stream<Flag> flags(Setting setting) {
        return setting.longFlags().stream()
                .map(longName -> new Flag(setting.shortFlag(), longName, setting.key(), setting.bareValue()));
    }

    private static String usage() {
        List<String> synopsis = new ArrayList<>(List.of("[-c FILE]", "[-p FILE]"));
        Setting.ALL.forEach(setting -> synopsis.add("[" + setting.flags().getFirst() + " " + setting.metavar() + "]"));
        synopsis.addAll(List.of("[--check-config]", "[--print-config]", "[" + CONSOLE + "]", "[-h]", "[-v]"));
        StringBuilder usage = new StringBuilder();
        wrap(usage, "usage: narwhal ", synopsis, "               ");
        usage.append('\n');
        OTHER_OPTIONS_BEFORE.forEach(entry -> describe(usage, entry));
        Setting.ALL.forEach(setting -> describe(usage, HelpEntry.of(setting)));
        OTHER_OPTIONS_AFTER.forEach(entry -> describe(usage, entry));
        return usage.toString();
    }

    private static void describe(StringBuilder usage, HelpEntry entry) {
        String left = "  " + entry.names();
        String first = left.length() + 2 <= HELP_COLUMN ? left + " ".repeat(HELP_COLUMN - left.length()) : left + "  ";
        wrap(usage, first, List.of(entry.help().split(" ")), " ".repeat(HELP_COLUMN + 12));
    }

    /** Words after the first line's lead, wrapped at the width, later lines after the indent. */
    private static void wrap(StringBuilder out, String lead, List<String> words, String indent) {
        StringBuilder line = new StringBuilder(lead);
        boolean lineHasWord = false;
        for (String word : words) {
            if (lineHasWord && line.length() + 1 + word.length() > WIDTH) {
                out.append(line).append('\n');
                line = new StringBuilder(indent);
                lineHasWord = false;
            }
            if (lineHasWord) {
                line.append(' ');
            }
            line.append(word);
            lineHasWord = true;
        }
        out.append(line).append('\n');
    }

    public static CommandLine parse(String... args) throws InvalidSettingException {
        Map<String, String> overrides = new LinkedHashMap<>();
        // Which flag gave each setting, to name it in an error: two flags may give one (--error-logfile, --log-file).
        Map<String, Flag> givenBy = new LinkedHashMap<>();
        Path configFile = null;
        Path pidFile = null;
        Action action = Action.SERVE;
        boolean console = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (ACTION_FLAGS.containsKey(arg)) {
                action = ACTION_FLAGS.get(arg);
                continue;
            }
            if (arg.equals(CONSOLE)) {
                console = true;
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
        return new CommandLine(Map.copyOf(overrides), configFile, pidFile, action, console);
    }
}
