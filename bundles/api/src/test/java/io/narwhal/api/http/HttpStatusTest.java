package io.narwhal.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpStatusTest {

    @ParameterizedTest
    @CsvSource({"200, OK", "404, Not Found", "413, Content Too Large", "422, Unprocessable Content",
        "429, Too Many Requests", "505, HTTP Version Not Supported",
        "199, Informational", "299, Successful", "399, Redirection", "418, Client Error", "599, Server Error",
        "99, Unknown", "600, Unknown", "999, Unknown"})
    void registeredPhraseElseTheNameOfTheClass(int status, String phrase) {
        assertEquals(phrase, HttpStatus.reasonPhrase(status));
    }

    @ParameterizedTest
    @CsvSource({"404, Not Found", "418, ''", "599, ''"})
    void theFallbackIsTheCallersForACodeWithoutAPhrase(int status, String phrase) {
        assertEquals(phrase, HttpStatus.reasonPhrase(status, ""));
    }
}
