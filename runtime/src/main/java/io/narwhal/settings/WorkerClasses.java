package io.narwhal.settings;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The worker classes an installation offers, as its worker-type bundles declare them: each provides the capability
 * {@code narwhal.worker.class;narwhal.worker.class=NAME} in its manifest. The master reads them from the bundles a
 * worker boots with, so a third party's worker type needs no change to the master, and never loads their code.
 */
public final class WorkerClasses {
    /** The capability namespace, whose attribute of the same name is the class, as worker_class names it. */
    public static final String NAMESPACE = "narwhal.worker.class";
    /** Where, under the installation's home, the bundles a worker boots with are. */
    public static final String WORKER_BUNDLES = "system/worker";

    private WorkerClasses() {
    }

    /** The worker classes the bundles in this folder (a worker's system bundles) provide. */
    public static Set<String> installed(Path bundles) throws IOException {
        Set<String> classes = new TreeSet<>();
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(bundles, "*.jar")) {
            for (Path jar : jars) {
                try (JarFile file = new JarFile(jar.toFile())) {
                    Manifest manifest = file.getManifest();
                    String provided = manifest == null ? null : manifest.getMainAttributes().getValue("Provide-Capability");
                    if (provided != null) {
                        classes.addAll(declaredIn(provided));
                    }
                }
            }
        }
        return classes;
    }

    /** A worker_class that none of the installed bundles provides is refused, naming those that are. */
    public static void require(String workerClass, Set<String> installed) throws InvalidSettingException {
        if (!installed.contains(workerClass)) {
            throw new InvalidSettingException("invalid " + ServerSettings.WORKER_CLASS + " '" + workerClass
                    + "' (available: " + String.join(", ", installed) + ")");
        }
    }

    /** The classes a Provide-Capability header declares in this namespace. */
    static Set<String> declaredIn(String header) {
        Set<String> classes = new TreeSet<>();
        for (String clause : splitOutsideQuotes(header, ',')) {
            var parts = splitOutsideQuotes(clause, ';');
            if (!parts.getFirst().strip().equals(NAMESPACE)) {
                continue;
            }
            for (String attribute : parts.subList(1, parts.size())) {
                int equals = attribute.indexOf('=');
                if (equals < 0) {
                    continue;
                }
                String name = attribute.substring(0, equals).strip();
                int typed = name.indexOf(':');
                if ((typed < 0 ? name : name.substring(0, typed)).equals(NAMESPACE)) {
                    classes.add(unquoted(attribute.substring(equals + 1).strip()));
                }
            }
        }
        return classes;
    }

    private static String unquoted(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }

    private static java.util.List<String> splitOutsideQuotes(String text, char separator) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == separator && !quoted) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }
}
