package io.narwhal.runtime.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandLineQuotingTest {
    @ParameterizedTest
    @ValueSource(strings = {"workers", "--json", "-f", "12", "apps/hello-1.2.jar", "key=v,w+x@y", "a=b", "x=", "host:8000",
            "under_score", "café"})
    void plainWordsAreLeftAsTheyAre(String word) {
        assertEquals(word, CommandLineQuoting.quote(word));
    }

    @Test
    void aWordWithASpaceIsSingleQuoted() {
        assertEquals("'my app.jar'", CommandLineQuoting.quote("my app.jar"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"$HOME", "a\"b", "back\\slash", "semi;colon", "pipe|x", "{braces}", "(x)", "#hash",
            "tab\there", "star*", "new\nline"})
    void aWordWithAnyOtherCharacterIsSingleQuotedLiterally(String word) {
        assertEquals("'" + word + "'", CommandLineQuoting.quote(word));
    }

    @Test
    void anEmptyWordIsQuoted() {
        assertEquals("''", CommandLineQuoting.quote(""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"%x", "a%b", "=", "=x", "null"})
    void aWordGogoWouldReadAsAnExpressionAnAssignmentOrNullIsSingleQuoted(String word) {
        assertEquals("'" + word + "'", CommandLineQuoting.quote(word));
    }

    @Test
    void aSingleQuoteGoesEscapedBetweenSingleQuotedParts() {
        assertEquals("'it'\\''s'", CommandLineQuoting.quote("it's"));
        assertEquals("''\\'''", CommandLineQuoting.quote("'"));
    }

    @Test
    void aWordWithASingleQuoteKeepsItsDollarsDoubleQuotesAndBackslashesAsTheyAre() {
        assertEquals("'it'\\''s $5 \"x\" a\\b'", CommandLineQuoting.quote("it's $5 \"x\" a\\b"));
    }

    @Test
    void joinQuotesEachWordAndSeparatesThemWithOneSpace() {
        assertEquals("deploy '/srv/my apps/hello.jar'",
                CommandLineQuoting.join(List.of("deploy", "/srv/my apps/hello.jar")));
        assertEquals("config set proc_name 'bob'\\''s' ''",
                CommandLineQuoting.join(List.of("config", "set", "proc_name", "bob's", "")));
    }

    @Test
    void noWordsJoinToAnEmptyLine() {
        assertEquals("", CommandLineQuoting.join(List.of()));
    }
}
