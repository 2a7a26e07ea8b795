package io.narwhal.api.server;

import java.time.Duration;

/**
 * Workers failing to boot one after another: once the pool has served, the master waits longer before each next
 * boot (1 s doubling to a minute) and serves on with the workers it has.
 *
 * @param failuresInARow failed boots since the last one that succeeded
 * @param nextBootIn how long until the master tries again; zero when it may now
 * @param lastFailure why the last one failed, as the master's log says it
 */
public record BootBackoff(int failuresInARow, Duration nextBootIn, String lastFailure) {
}
