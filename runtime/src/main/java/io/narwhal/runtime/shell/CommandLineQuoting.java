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

    /**
     * Gogo takes a single-quoted word literally. It finds no end to a word with a single quote inside, even in double
     * quotes, so each single quote goes between quoted parts, escaped, as in a POSIX shell: {@code 'it'\''s'}. A bare
     * word is one Gogo reads as that word: not one with a {@code %} (an expression), not one starting with {@code =}
     * (an assignment), not {@code null} (the null value).
     */
    static String quote(String word) {
        if (!word.isEmpty() && !word.startsWith("=") && !word.equals("null")
                && word.chars().allMatch(c -> Character.isLetterOrDigit(c) || "-_./:=,+@".indexOf(c) >= 0)) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
