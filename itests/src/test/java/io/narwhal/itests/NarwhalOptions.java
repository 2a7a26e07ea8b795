package io.narwhal.itests;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemPackages;
import static org.ops4j.pax.exam.CoreOptions.workingDirectory;

import java.io.File;
import org.ops4j.pax.exam.Option;

/**
 * The pax-exam options every Narwhal framework test shares. Runs on the driver side (in @Configuration),
 * where surefire's system properties say where the built bundles are.
 */
final class NarwhalOptions {
    private NarwhalOptions() {
    }

    /**
     * A Felix with Declarative Services and pax-exam's JUnit 4 invoker. slf4j stays on the class path (one
     * backend for the whole JVM) and the system bundle exports it: at 2.0 for Narwhal's bundles, and again at
     * 1.7 because pax-exam's own bundles import [1.7,2).
     */
    static Option framework() {
        String slf4j = property("narwhal.itest.slf4j.version");
        return composite(
                workingDirectory(property("narwhal.itest.workdir")),
                systemPackages(
                        "org.slf4j;version=" + slf4j,
                        "org.slf4j.spi;version=" + slf4j,
                        "org.slf4j.event;version=" + slf4j,
                        "org.slf4j.helpers;version=" + slf4j,
                        "org.slf4j;version=1.7.36"),
                junitBundles(),
                frameworkBundle("org.osgi.util.function"),
                frameworkBundle("org.osgi.util.promise"),
                frameworkBundle("org.osgi.service.component"),
                frameworkBundle("org.apache.felix.scr"));
    }

    /**
     * Narwhal bundles as their modules built them, e.g. "api", "router", "app-hello": installed by file: URL
     * so a test always runs what is in the tree, not what was last installed in the local repository.
     */
    static Option narwhal(String... names) {
        Option[] bundles = new Option[names.length];
        for (int i = 0; i < names.length; i++) {
            bundles[i] = bundle(fileUrl(property("narwhal.bundle." + names[i]),
                    "build it first: mvn -pl bundles/" + names[i].replace("app-", "apps/") + " install"));
        }
        return composite(bundles);
    }

    private static Option frameworkBundle(String name) {
        return bundle(fileUrl(property("narwhal.itest.bundles") + "/" + name + ".jar",
                "the build copies it in generate-test-resources: run through mvn"));
    }

    private static String fileUrl(String path, String hint) {
        File jar = new File(path);
        if (!jar.isFile()) {
            throw new IllegalStateException("no bundle at " + jar + ": " + hint);
        }
        return jar.toURI().toString();
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("system property " + name + " is not set: run the tests through mvn");
        }
        return value;
    }
}
