package io.narwhal.supervisor;

/** The service manager running the master, told how the pool stands: systemd through its notify socket, or no one. */
@FunctionalInterface
interface ServiceManager {
    /** No service manager listens: the arbiter's call costs nothing. */
    ServiceManager NONE = state -> { };

    /** The pool at the end of a turn of the arbiter; called every turn, so an implementation says only what changed. */
    void update(ServiceState state);
}
