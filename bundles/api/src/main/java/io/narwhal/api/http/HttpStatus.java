package io.narwhal.api.http;

/** The reason phrases of HTTP status codes, for status lines and short text answers. */
public final class HttpStatus {
    private HttpStatus() {
    }

    /**
     * The reason phrase of a status: the one RFC 9110 (or, for the codes it does not define, the IANA HTTP
     * Status Code Registry) gives it, such as "Not Found" for 404. A code without one gets the name of its
     * class: "Informational", "Successful", "Redirection", "Client Error" or "Server Error"; a number outside
     * 100 to 599, which is no status at all, gets "Unknown".
     */
    public static String reasonPhrase(int status) {
        return reasonPhrase(status, switch (status / 100) {
            case 1 -> "Informational";
            case 2 -> "Successful";
            case 3 -> "Redirection";
            case 4 -> "Client Error";
            case 5 -> "Server Error";
            default -> "Unknown";
        });
    }

    /**
     * The registered reason phrase of a status, as {@link #reasonPhrase(int)} gives it, or {@code fallback}
     * for a code that has none. A status line may pass "" here: its reason phrase is optional (RFC 9112 4).
     */
    public static String reasonPhrase(int status, String fallback) {
        return switch (status) {
            case 100 -> "Continue";
            case 101 -> "Switching Protocols";
            case 103 -> "Early Hints";
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted";
            case 203 -> "Non-Authoritative Information";
            case 204 -> "No Content";
            case 205 -> "Reset Content";
            case 206 -> "Partial Content";
            case 300 -> "Multiple Choices";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 303 -> "See Other";
            case 304 -> "Not Modified";
            case 305 -> "Use Proxy";
            case 307 -> "Temporary Redirect";
            case 308 -> "Permanent Redirect";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 402 -> "Payment Required";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 407 -> "Proxy Authentication Required";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 411 -> "Length Required";
            case 412 -> "Precondition Failed";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 415 -> "Unsupported Media Type";
            case 416 -> "Range Not Satisfiable";
            case 417 -> "Expectation Failed";
            case 421 -> "Misdirected Request";
            case 422 -> "Unprocessable Content";
            case 425 -> "Too Early";
            case 426 -> "Upgrade Required";
            case 428 -> "Precondition Required";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 451 -> "Unavailable For Legal Reasons";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            case 505 -> "HTTP Version Not Supported";
            case 511 -> "Network Authentication Required";
            default -> fallback;
        };
    }
}
