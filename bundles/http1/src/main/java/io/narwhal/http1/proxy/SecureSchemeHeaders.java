package io.narwhal.http1.proxy;

import io.narwhal.api.http.Headers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Gunicorn's secure_scheme_headers: each such field an allowed proxy sends says https when its value is the one
 * configured (in any case), http otherwise. Two that disagree mean the proxy, or what passed through it, cannot be
 * believed: the request is refused, as Gunicorn refuses it.
 */
final class SecureSchemeHeaders {
    private SecureSchemeHeaders() {
    }

    /** @return "https" or "http", or null when no such field was sent */
    static String scheme(Map<String, String> secure, Headers headers) throws InvalidForwardingException {
        List<String> fields = new ArrayList<>();
        List<String> schemes = new ArrayList<>();
        headers.forEach((name, value) -> secure.forEach((secureName, secureValue) -> {
            if (secureName.equalsIgnoreCase(name)) {
                fields.add(name + ": " + value.strip());
                schemes.add(value.strip().equalsIgnoreCase(secureValue) ? "https" : "http");
            }
        }));
        for (int i = 1; i < schemes.size(); i++) {
            if (!schemes.get(i).equals(schemes.getFirst())) {
                throw new InvalidForwardingException("contradictory secure scheme headers: '" + fields.getFirst()
                        + "' says " + schemes.getFirst() + ", '" + fields.get(i) + "' says " + schemes.get(i));
            }
        }
        return schemes.isEmpty() ? null : schemes.getFirst();
    }
}
