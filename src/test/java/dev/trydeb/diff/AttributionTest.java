package dev.trydeb.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AttributionTest {
    static final PackageFiles FOO = new PackageFiles("foo", "1.0-1", Set.of());
    static final PackageFiles BAR = new PackageFiles("bar", "2.0", Set.of());

    @Test
    void describe_package_namesPackageAndVersion() {
        assertEquals("package hello 2.10-3", Attribution.ofPackage("hello", "2.10-3", 3).describe());
    }

    @Test
    void describe_maintainerScriptsOfOnePackage_namesItAndTheTransaction() {
        Attribution scripts = Attribution.ofMaintainerScripts(List.of(FOO), 3);
        assertEquals("maintainer scripts of foo (transaction 3)", scripts.describe());
        assertEquals("1.0-1", scripts.version());
    }

    @Test
    void describe_maintainerScriptsOfSeveralPackages_joinsNamesWithoutVersion() {
        Attribution scripts = Attribution.ofMaintainerScripts(List.of(FOO, BAR), 4);
        assertEquals("maintainer scripts of foo, bar (transaction 4)", scripts.describe());
        assertEquals(null, scripts.version());
        assertEquals(List.of("foo", "bar"), scripts.packageNames());
    }

    @Test
    void describe_maintainerScriptsOfNoPackage_namesTheTransaction() {
        assertEquals("maintainer scripts (transaction 5)", Attribution.ofMaintainerScripts(List.of(), 5).describe());
    }

    @Test
    void describe_runtime_saysRuntime() {
        assertEquals("runtime", Attribution.ofRuntime().describe());
        assertEquals(List.of(), Attribution.ofRuntime().packageNames());
    }

    @Test
    void new_packageWithoutVersion_rejected() {
        assertThrows(IllegalArgumentException.class,
                () -> new Attribution(Attribution.Source.PACKAGE, "hello", null, 1L));
    }

    @Test
    void sourceLabels_areStable() {
        assertEquals(List.of("package", "maintainer-script", "runtime"),
                List.of(Attribution.Source.values()).stream().map(Attribution.Source::label).toList());
    }
}
