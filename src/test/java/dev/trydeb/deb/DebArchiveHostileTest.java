package dev.trydeb.deb;

import dev.trydeb.core.GuestPath;
import dev.trydeb.deb.TestDebBuilder.ArMember;
import dev.trydeb.deb.TestDebBuilder.TarItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.trydeb.deb.DebArchiveCorruptTest.assertBadInput;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Archives crafted to write outside the package root are refused before anything is installed. */
class DebArchiveHostileTest {
    @TempDir
    Path dir;

    private Path deb(TarItem... items) {
        return TestDebBuilder.withData(items).writeTo(dir);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../etc/passwd", "./../etc/passwd", "./usr/../../etc/passwd", "./usr/share/..", "/etc/passwd",
            "//etc/passwd"})
    void read_memberEscapingTheRoot_refused(String name) {
        assertBadInput(deb(TarItem.file(name, 0644, "root::0:0::/:/bin/sh\n")),
                "data.tar member '" + name + "' escapes the package root; refusing to install it");
    }

    @Test
    void read_directoryEscapingTheRoot_refused() {
        assertBadInput(deb(TarItem.dir("../outside/", 0755)), "data.tar member '../outside/' escapes the package root");
    }

    @Test
    void read_fileThroughSymlinkOfSamePackage_refused() {
        assertBadInput(deb(
                        TarItem.dir("./usr/", 0755),
                        TarItem.dir("./usr/share/", 0755),
                        TarItem.symlink("./usr/share/evil", "/etc"),
                        TarItem.file("./usr/share/evil/passwd", 0644, "x")),
                "data.tar member './usr/share/evil/passwd' goes through the symlink './usr/share/evil' in the same package;"
                        + " refusing to install it");
    }

    @Test
    void read_memberThroughSymlinkAmongEarlierMembersOfItsDirectory_refused() {
        assertBadInput(deb(
                        TarItem.file("./usr/share/doc/x/changelog", 0644, "x"),
                        TarItem.file("./usr/share/doc/x/copyright", 0644, "x"),
                        TarItem.symlink("./usr/share/doc/x/link", "/etc"),
                        TarItem.file("./usr/share/doc/x/README", 0644, "x"),
                        TarItem.file("./usr/share/doc/x/link/cron.d/job", 0644, "x")),
                "data.tar member './usr/share/doc/x/link/cron.d/job' goes through the symlink './usr/share/doc/x/link'");
    }

    @Test
    void read_deepMemberThroughRelativeSymlink_refused() {
        assertBadInput(deb(
                        TarItem.symlink("./up", "../../.."),
                        TarItem.dir("./up/home/", 0755),
                        TarItem.file("./up/home/user/.bashrc", 0644, "x")),
                "data.tar member './up/home/' goes through the symlink './up'");
    }

    @Test
    void read_symlinkThroughSymlink_refused() {
        assertBadInput(deb(
                        TarItem.symlink("./a", "/etc"),
                        TarItem.symlink("./a/cron.d", "/tmp/x")),
                "data.tar member './a/cron.d' goes through the symlink './a'");
    }

    @Test
    void read_symlinkReplacingDirectoryOfEarlierMembers_refused() {
        assertBadInput(deb(
                        TarItem.dir("./usr/", 0755),
                        TarItem.file("./usr/evil/passwd", 0644, "x"),
                        TarItem.symlink("./usr/evil", "/etc")),
                "data.tar member './usr/evil' is a symlink, but earlier members of the same package are inside it");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../etc/shadow", "/etc/shadow", "./usr/../../etc/shadow"})
    void read_hardlinkEscapingTheRoot_refused(String target) {
        assertBadInput(deb(TarItem.hardlink("./usr/shadow", target)),
                "data.tar hardlink './usr/shadow' points to '" + target + "', outside the package root; refusing to install it");
    }

    @Test
    void read_hardlinkToFileNotInPackage_refused() {
        assertBadInput(deb(TarItem.hardlink("./usr/shadow", "./etc/shadow")),
                "data.tar hardlink './usr/shadow' points to './etc/shadow', which is not an earlier file of the same package");
    }

    @Test
    void read_hardlinkBeforeItsTarget_refused() {
        assertBadInput(deb(
                        TarItem.hardlink("./usr/a", "./usr/b"),
                        TarItem.file("./usr/b", 0644, "x")),
                "which is not an earlier file of the same package");
    }

    @Test
    void read_hardlinkToDirectory_refused() {
        assertBadInput(deb(
                        TarItem.dir("./usr/", 0755),
                        TarItem.hardlink("./usr/d", "./usr")),
                "which is not an earlier file of the same package");
    }

    @Test
    void read_hardlinkThroughSymlink_refused() {
        assertBadInput(deb(
                        TarItem.symlink("./etc", "/etc"),
                        TarItem.hardlink("./usr/shadow", "./etc/shadow")),
                "data.tar member './etc/shadow' goes through the symlink './etc' in the same package");
    }

    @Test
    void read_rootReplacedBySymlink_refused() {
        assertBadInput(deb(TarItem.symlink("./", "/")), "replaces the package root with a non-directory");
    }

    @Test
    void read_controlTarMemberEscaping_refused() {
        List<ArMember> members = new ArrayList<>(TestDebBuilder.hello().members());
        byte[] hostileControl = TestDebBuilder.compress(".xz", TestDebBuilder.tar(List.of(
                TarItem.file("./control", 0644, TestDebBuilder.DEFAULT_CONTROL),
                TarItem.file("../../home/user/.profile", 0755, "evil"))));
        members.set(1, new ArMember("control.tar.xz", hostileControl));
        Path deb = TestDebBuilder.write(dir, "x.deb", TestDebBuilder.ar(members));
        assertBadInput(deb, "control.tar member '../../home/user/.profile' escapes the package root; refusing to install it");
    }

    @Test
    void read_memberNameWithNewline_messageStaysOnOneLine() {
        assertBadInput(deb(TarItem.file("../x\ny", 0644, "")), "'../x y' escapes the package root");
    }

    @Test
    void read_symlinkNextToDirectory_allowed() {
        List<DataEntry> entries = DebArchive.read(deb(
                TarItem.dir("./usr/", 0755),
                TarItem.dir("./usr/lib/", 0755),
                TarItem.symlink("./usr/lib64", "lib"),
                TarItem.file("./usr/lib/libx.so.1", 0644, "x"),
                TarItem.symlink("./usr/lib/libx.so", "/usr/lib/libx.so.1"))).entries();
        assertEquals(GuestPath.of("/usr/lib/libx.so"), entries.get(entries.size() - 1).path());
    }
}
