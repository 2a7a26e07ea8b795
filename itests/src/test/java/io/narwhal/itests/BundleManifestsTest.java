package io.narwhal.itests;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The built router and app bundles, read as files (JUnit 5, outside any framework): each is a bundle with a
 * DS component and exports nothing, so nothing can wire to it and updating one never cascades a refresh.
 */
class BundleManifestsTest {

    @ParameterizedTest
    @ValueSource(strings = {"router", "app-hello", "app-echo"})
    void bundleDeclaresAComponentAndExportsNothing(String name) throws Exception {
        String path = System.getProperty("narwhal.bundle." + name);
        assertNotNull(path, "run through mvn: surefire sets narwhal.bundle." + name);
        assertTrue(new File(path).isFile(), "build it first: no " + path);

        try (JarFile jar = new JarFile(path)) {
            Attributes manifest = jar.getManifest().getMainAttributes();
            assertNotNull(manifest.getValue("Bundle-SymbolicName"));
            assertNull(manifest.getValue("Export-Package"), "exports " + manifest.getValue("Export-Package"));
            String component = manifest.getValue("Service-Component");
            assertNotNull(component, "no Service-Component header");
            assertNotNull(jar.getEntry(component), "no " + component + " in the jar");
        }
    }
}
