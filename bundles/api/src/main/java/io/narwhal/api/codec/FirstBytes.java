package io.narwhal.api.codec;

/** What a codec makes of the first bytes a connection sent: its protocol, not its protocol, or too few to tell. */
public enum FirstBytes {
    /** They begin this codec's protocol: it takes the connection. */
    MATCH,
    /** They cannot begin this codec's protocol. */
    NO_MATCH,
    /** They could begin it, and the next bytes will tell. */
    NEED_MORE
}
