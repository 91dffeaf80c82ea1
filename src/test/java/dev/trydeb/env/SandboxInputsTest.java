package dev.trydeb.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trydeb.core.GuestPath;
import dev.trydeb.sandbox.MountOp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxInputsTest {
    @TempDir
    Path dir;

    private ChangePlan install() {
        ChangePlan.Unpack hello = new ChangePlan.Unpack("hello", "amd64", "2.0", dir.resolve("hello_2.0_amd64.deb"),
                Optional.empty(), false, false, true);
        return new ChangePlan("install", List.of(hello), List.of(), true, List.of("hello/bookworm"), 0, 0);
    }

    private ChangePlan remove() {
        return new ChangePlan("remove", List.of(), List.of(new ChangePlan.Removal("hello", "amd64", "2.0", false, true)), true,
                List.of("hello"), 0, 0);
    }

    private SandboxInputs inputs(Optional<Path> copyUpLibrary) throws IOException {
        return inputs(install(), copyUpLibrary);
    }

    private SandboxInputs inputs(ChangePlan plan, Optional<Path> copyUpLibrary) throws IOException {
        Path scratch = Files.createDirectories(dir.resolve("tx"));
        return SandboxInputs.forPlan(plan, scratch, List.of(), false, copyUpLibrary, dir.resolve("apt"));
    }

    @Test
    void install_aptInsideGetsThePlansDebsAndNoSources() throws IOException {
        SandboxInputs inputs = inputs(Optional.empty());

        List<String> command = inputs.command();
        assertEquals(List.of("install", "/run/trydeb/archives/hello_2.0_amd64.deb"),
                command.subList(command.size() - 2, command.size()), command.toString());
        assertTrue(aptConf().contains("Dir::Etc::sourcelist \"/run/trydeb/no-sources.list\";"), aptConf());
        assertTrue(aptConf().contains("Dir::Etc::sourceparts \"/run/trydeb/no-sources.d\";"), aptConf());
        assertEquals("", Files.readString(dir.resolve("tx/no-sources.list")));
        List<MountOp> mounts = inputs.mounts(dir);
        assertTrue(mounts.contains(new MountOp.Bind(dir.resolve("tx/no-sources.list"), GuestPath.of("/run/trydeb/no-sources.list"),
                true)), mounts.toString());
        assertTrue(mounts.contains(new MountOp.Bind(dir.resolve("hello_2.0_amd64.deb"),
                GuestPath.of("/run/trydeb/archives/hello_2.0_amd64.deb"), true)), mounts.toString());
    }

    private String aptConf() throws IOException {
        return Files.readString(dir.resolve("tx/apt.conf"));
    }

    @Test
    void listsCache_removalWithTheUserHavingOne_aptInsideReadsItFromAReadOnlyDirectory() throws IOException {
        Files.createDirectories(dir.resolve("apt"));
        Files.writeString(dir.resolve("apt/srcpkgcache.bin"), "cache");

        SandboxInputs inputs = inputs(remove(), Optional.empty());

        assertEquals(List.of("remove", "hello"), inputs.command().subList(inputs.command().size() - 2, inputs.command().size()));

        assertTrue(aptConf().contains("Dir::Cache::srcpkgcache \"/run/trydeb/apt-cache/srcpkgcache.bin\";"), aptConf());
        assertTrue(inputs.mounts(dir).contains(new MountOp.Bind(dir.resolve("apt"), GuestPath.of("/run/trydeb/apt-cache"), true)));
    }

    @Test
    void listsCache_removalWithoutOne_aptInsideBuildsItInMemory() throws IOException {
        SandboxInputs inputs = inputs(remove(), Optional.empty());

        assertTrue(aptConf().contains("Dir::Cache::srcpkgcache \"\";"), aptConf());
        assertFalse(inputs.mounts(dir).stream().anyMatch(op -> op.dest().value().equals("/run/trydeb/apt-cache")));
    }

    @Test
    void copyUp_library_preloadedThroughEnvWithItsSocket() throws IOException {
        Path library = dir.resolve("trydeb-copy-up.so");

        SandboxInputs inputs = inputs(Optional.of(library));

        assertEquals(List.of("env", "LD_PRELOAD=/run/trydeb/copy-up.so", "TRYDEB_COPY_UP=/run/trydeb/copy-up.sock", "apt-get"),
                inputs.command().subList(0, 4));
        List<MountOp> mounts = inputs.mounts(dir);
        assertTrue(mounts.contains(new MountOp.Bind(library, GuestPath.of("/run/trydeb/copy-up.so"), true)), mounts.toString());
        assertTrue(mounts.contains(new MountOp.CopyUpSocket(GuestPath.of("/run/trydeb/copy-up.sock"), dir.resolve("tx/copy-ups.log"))), mounts.toString());
        assertFalse(inputs.environment().containsKey("LD_PRELOAD"), "the helper itself would preload it");
    }

    @Test
    void copyUp_noLibrary_theCommandAsIs() throws IOException {
        SandboxInputs inputs = inputs(Optional.empty());

        assertEquals("apt-get", inputs.command().get(0));
        assertFalse(inputs.mounts(dir).stream().anyMatch(op -> op instanceof MountOp.CopyUpSocket));
    }
}
