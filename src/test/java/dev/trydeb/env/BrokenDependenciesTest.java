package dev.trydeb.env;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trydeb.state.MergedState;
import dev.trydeb.state.StatusFile;
import dev.trydeb.store.StatusRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokenDependenciesTest {
    @TempDir
    Path host;

    @BeforeEach
    void fakeHost() throws IOException {
        Files.createDirectories(host.resolve("var/lib/dpkg"));
        Files.createDirectories(host.resolve("etc"));
        Files.writeString(host.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/bash\n");
        Files.writeString(host.resolve("etc/group"), "root:x:0:\n");
    }

    private MergedState stateOverHost(String hostStatus) throws IOException {
        Files.writeString(host.resolve(MergedState.STATUS), hostStatus, StatusFile.CHARSET);
        StatusRecord needsSl = new StatusRecord("needs-sl", "all", Optional.of(
                "Package: needs-sl\nStatus: install ok installed\nArchitecture: all\nVersion: 1.0\n"
                        + "Depends: sl (>= 5), libc6\nDescription: x"));
        return MergedState.build(host, List.of(needsSl), List.of());
    }

    private static String hostPackage(String name, String version) {
        return "Package: " + name + "\nStatus: install ok installed\nArchitecture: amd64\nVersion: " + version
                + "\nDescription: x\n\n";
    }

    @Test
    void of_hostStillHasTheDependency_nothingBroken() throws IOException {
        MergedState state = stateOverHost(hostPackage("sl", "5.02-1") + hostPackage("libc6", "2.36-9"));

        assertEquals(List.of(), BrokenDependencies.of(state, Set.of("needs-sl")));
    }

    @Test
    void of_hostRemovedTheDependency_namesThePackageAndWhatItLacks() throws IOException {
        MergedState state = stateOverHost(hostPackage("libc6", "2.36-9"));

        assertEquals(List.of(new BrokenDependencies.Broken("needs-sl", List.of("sl (>= 5)"))),
                BrokenDependencies.of(state, Set.of("needs-sl")));
    }

    @Test
    void of_dependencyMetOnlyByAProvider_nothingBroken() throws IOException {
        MergedState state = stateOverHost(hostPackage("libc6", "2.36-9")
                + "Package: sl-classic\nStatus: install ok installed\nArchitecture: amd64\nVersion: 1\n"
                + "Provides: sl (= 5.1)\nDescription: x\n\n");

        assertEquals(List.of(), BrokenDependencies.of(state, Set.of("needs-sl")));
    }

    @Test
    void of_hostPackagesBrokenOnTheHost_areNotTheEnvironments() throws IOException {
        MergedState state = stateOverHost(hostPackage("libc6", "2.36-9"));

        assertEquals(List.of(), BrokenDependencies.of(state, Set.of()));
    }
}
