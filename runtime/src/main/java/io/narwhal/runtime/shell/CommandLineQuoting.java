package io.narwhal.runtime.shell;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The words of narwhal-shell's command line as one Gogo command line: each word as the user's shell handed it
 * over, so a path with a space or a {@code $} reaches the command as that one word.
 */
final class CommandLineQuoting {
    private CommandLineQuoting() {
    }

    static String join(List<String> words) {
        return words.stream().map(CommandLineQuoting::quote).collect(Collectors.joining(" "));
    }

    /** Gogo takes a single-quoted word literally; one with a single quote goes in double quotes, escaped. */
    static String quote(String word) {
        if (!word.isEmpty() && word.chars().allMatch(c -> Character.isLetterOrDigit(c) || "-_./:=,+@%".indexOf(c) >= 0)) {
            return word;
        }
        if (word.indexOf('\'') < 0) {
            return "'" + word + "'";
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : word.toCharArray()) {
            if (c == '"' || c == '\\' || c == '$') {
                quoted.append('\\');
            }
            quoted.append(c);
        }
        return quoted.append('"').toString();
    }
}
