package io.narwhal.api.http;

import java.util.ArrayList;
import java.util.Arrays;
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
    /** Room for this many fields before the array grows: most requests and responses carry fewer. */
    private static final int INITIAL_FIELDS = 8;

    /** Names and values by turns, {@code size} fields of them: one array, grown by doubling, not two lists. */
    private String[] fields = new String[2 * INITIAL_FIELDS];
    private int size;

    /** Appends a field, keeping any earlier fields of the same name. */
    public Headers add(String name, String value) {
        requireToken(name);
        requireValue(value);
        if (2 * size == fields.length) {
            fields = Arrays.copyOf(fields, 2 * fields.length);
        }
        fields[2 * size] = name;
        fields[2 * size + 1] = value;
        size++;
        return this;
    }

    /** Replaces every field of this name by one field with this value. */
    public Headers set(String name, String value) {
        remove(name);
        return add(name, value);
    }

    /** Removes every field of this name; returns whether there was one. */
    public boolean remove(String name) {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (!fields[2 * i].equalsIgnoreCase(name)) {
                fields[2 * kept] = fields[2 * i];
                fields[2 * kept + 1] = fields[2 * i + 1];
                kept++;
            }
        }
        boolean removed = kept < size;
        Arrays.fill(fields, 2 * kept, 2 * size, null);
        size = kept;
        return removed;
    }

    /** The first value of this field, or null when absent. */
    public String first(String name) {
        for (int i = 0; i < size; i++) {
            if (fields[2 * i].equalsIgnoreCase(name)) {
                return fields[2 * i + 1];
            }
        }
        return null;
    }

    /** Every value of this field, in order; empty when absent. */
    public List<String> all(String name) {
        List<String> found = new ArrayList<>(2);
        for (int i = 0; i < size; i++) {
            if (fields[2 * i].equalsIgnoreCase(name)) {
                found.add(fields[2 * i + 1]);
            }
        }
        return found;
    }

    /** How many fields of this name there are: what {@code all(name).size()} says, without a list. */
    public int count(String name) {
        int count = 0;
        for (int i = 0; i < size; i++) {
            if (fields[2 * i].equalsIgnoreCase(name)) {
                count++;
            }
        }
        return count;
    }

    public boolean contains(String name) {
        return first(name) != null;
    }

    /** Whether a comma-separated field of this name lists this token (case-insensitive), as Connection does. */
    public boolean containsToken(String name, String token) {
        for (int i = 0; i < size; i++) {
            if (fields[2 * i].equalsIgnoreCase(name) && listsToken(fields[2 * i + 1], token)) {
                return true;
            }
        }
        return false;
    }

    private static boolean listsToken(String list, String token) {
        int start = 0;
        while (start <= list.length()) {
            int comma = list.indexOf(',', start);
            int end = comma < 0 ? list.length() : comma;
            int from = start;
            int to = end;
            while (from < to && isOptionalWhitespace(list.charAt(from))) {
                from++;
            }
            while (to > from && isOptionalWhitespace(list.charAt(to - 1))) {
                to--;
            }
            if (to - from == token.length() && list.regionMatches(true, from, token, 0, token.length())) {
                return true;
            }
            if (comma < 0) {
                return false;
            }
            start = comma + 1;
        }
        return false;
    }

    private static boolean isOptionalWhitespace(char c) {
        return Character.isWhitespace(c); // as String.strip()
    }

    /** The distinct field names, in first-seen order, with the case of their first occurrence. */
    public Set<String> names() {
        Set<String> lowerSeen = new LinkedHashSet<>();
        Set<String> distinct = new LinkedHashSet<>();
        for (int i = 0; i < size; i++) {
            String name = fields[2 * i];
            if (lowerSeen.add(name.toLowerCase(java.util.Locale.ROOT))) {
                distinct.add(name);
            }
        }
        return Collections.unmodifiableSet(distinct);
    }

    /** Visits every field in order, repeated names included. */
    public void forEach(BiConsumer<String, String> visitor) {
        for (int i = 0; i < size; i++) {
            visitor.accept(fields[2 * i], fields[2 * i + 1]);
        }
    }

    /** The number of fields, repeated names counted each time. */
    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public void clear() {
        Arrays.fill(fields, 0, 2 * size, null);
        size = 0;
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
