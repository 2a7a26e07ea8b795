package io.narwhal.itests.e2e;

import java.util.List;

/**
 * The worker class the end-to-end tests run their servers on ({@code -Dnarwhal.test.workerClass}, sync unless
 * given; itests/pom.xml runs the serving tests again on virtual and on gthread), and what those tests expect of it. A
 * worker class not listed here fails every test that starts a server: no test passes on a type it knows nothing of.
 *
 * @param keepsConnections whether a connection stays open between requests (keep-alive, pipelining answered on it),
 *     or every response says {@code Connection: close} and ends it, as on sync
 */
record WorkerClass(String name, boolean keepsConnections) {
    private static final List<WorkerClass> KNOWN = List.of(
            new WorkerClass("sync", false),
            new WorkerClass("virtual", true),
            new WorkerClass("gthread", true));

    /** The one the tests run on. */
    static WorkerClass underTest() {
        return named(System.getProperty("narwhal.test.workerClass", "sync"));
    }

    static WorkerClass named(String name) {
        return KNOWN.stream().filter(known -> known.name.equals(name)).findFirst().orElseThrow(() -> new AssertionError(
                "the end-to-end tests know nothing of worker class '" + name + "': add it to WorkerClass.KNOWN"));
    }
}
