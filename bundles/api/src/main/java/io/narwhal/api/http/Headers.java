package io.narwhal.api.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An ordered, multi-valued collection of header fields. Names compare case-insensitively (RFC 9110 5.1)
 * but keep the case they were added with, so a field can be echoed exactly as it arrived.
 * Not thread-safe: one request or response owns it.
 */
public final class Headers {
    private final List<String> names = new ArrayList<>();
    private final List<String> values = new ArrayList<>();

    /** Appends a field, keeping any earlier fields of the same name. */
    public Headers add(String name, String value) {
        names.add(requireToken(name));
        values.add(requireValue(value));
        return this;
    }

    /** Replaces every field of this name by one field with this value. */
    public Headers set(String name, String value) {
        remove(name);
        return add(name, value);
    }

    /** Removes every field of this name; returns whether there was one. */
    public boolean remove(String name) {
        boolean removed = false;
        for (int i = names.size() - 1; i >= 0; i--) {
            if (names.get(i).equalsIgnoreCase(name)) {
                names.remove(i);
                values.remove(i);
                removed = true;
            }
        }
        return removed;
    }

    /** The first value of this field, or null when absent. */
    public String first(String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return values.get(i);
            }
        }
        return null;
    }

    /** Every value of this field, in order; empty when absent. */
    public List<String> all(String name) {
        List<String> found = new ArrayList<>(2);
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                found.add(values.get(i));
            }
        }
        return found;
    }

    public boolean contains(String name) {
        return first(name) != null;
    }

    /** Whether a comma-separated field of this name lists this token (case-insensitive), as Connection does. */
    public boolean containsToken(String name, String token) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                for (String part : values.get(i).split(",")) {
                    if (part.strip().equalsIgnoreCase(token)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The distinct field names, in first-seen order, with the case of their first occurrence. */
    public Set<String> names() {
        Set<String> lowerSeen = new LinkedHashSet<>();
        Set<String> distinct = new LinkedHashSet<>();
        for (String name : names) {
            if (lowerSeen.add(name.toLowerCase(java.util.Locale.ROOT))) {
                distinct.add(name);
            }
        }
        return Collections.unmodifiableSet(distinct);
    }

    /** Visits every field in order, repeated names included. */
    public void forEach(BiConsumer<String, String> visitor) {
        for (int i = 0; i < names.size(); i++) {
            visitor.accept(names.get(i), values.get(i));
        }
    }

    /** The number of fields, repeated names counted each time. */
    public int size() {
        return names.size();
    }

    public boolean isEmpty() {
        return names.isEmpty();
    }

    public void clear() {
        names.clear();
        values.clear();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        forEach((name, value) -> text.append(name).append(": ").append(value).append('\n'));
        return text.toString();
    }

    private static String requireToken(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("header name is empty");
        }
        for (int i = 0; i < name.length(); i++) {
            if (!isTokenChar(name.charAt(i))) {
                throw new IllegalArgumentException("header name has an invalid character: " + name);
            }
        }
        return name;
    }

    private static String requireValue(String value) {
        if (value == null) {
            throw new IllegalArgumentException("header value is null");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            // CR, LF and NUL in a value would let an app split the response: refuse them at the source.
            if (c == '\r' || c == '\n' || c == 0) {
                throw new IllegalArgumentException("header value has CR, LF or NUL");
            }
        }
        return value;
    }

    /** RFC 9110 tchar. */
    public static boolean isTokenChar(int c) {
        if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
            return true;
        }
        return switch (c) {
            case '!', '#', '$', '%', '&', '\'', '*', '+', '-', '.', '^', '_', '`', '|', '~' -> true;
            default -> false;
        };
    }
}
