package dev.trydeb.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trydeb.core.HostUser;
import dev.trydeb.state.MergedState;
import dev.trydeb.store.EnvironmentLayout;
import dev.trydeb.store.EnvironmentName;
import dev.trydeb.store.EnvironmentRecord;
import dev.trydeb.store.NewPackage;
import dev.trydeb.store.StatusRecord;
import dev.trydeb.store.StoreLayout;
import dev.trydeb.store.TransactionChanges;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateLayersTest {
    private static final String HOST_STATUS = "Package: libc6\nStatus: install ok installed\nArchitecture: amd64\nVersion: 2.36\n";

    @TempDir
    Path tmp;
    private Path host;
    private Workspace workspace;
    private EnvironmentRecord env;
    private EnvironmentLayout layout;
    private final List<String> notes = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        host = tmp.resolve("host");
        Files.createDirectories(host.resolve("var/lib/dpkg"));
        Files.createDirectories(host.resolve("etc"));
        Files.writeString(host.resolve(MergedState.STATUS), HOST_STATUS);
        Files.writeString(host.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/bash\n");
        Files.writeString(host.resolve("etc/group"), "root:x:0:\n");
        workspace = new Workspace(new HostUser("ada", 1000, 1000, tmp.resolve("home")), new StoreLayout(tmp.resolve("store")),
                host, tmp.resolve("cache"));
        env = workspace.store().environment("e");
        layout = workspace.environment(EnvironmentName.of("e"));
        Files.createDirectories(layout.dir());
    }

    @AfterEach
    void tearDown() {
        workspace.close();
    }

    private Path forRun() {
        return StateLayers.forRun(workspace, env, layout, notes::add);
    }

    private String status(Path stateDir) throws Exception {
        return Files.readString(stateDir.resolve(MergedState.STATUS));
    }

    /** Commits a transaction installing NAME, which depends on DEPENDS. */
    private void install(String name, String depends) {
        long tx = workspace.store().beginTransaction(env.id(), "install", "{}").id();
        String stanza = "Package: " + name + "\nStatus: install ok installed\nArchitecture: amd64\nVersion: 1.0\n"
                + (depends.isEmpty() ? "" : "Depends: " + depends + "\n");
        workspace.store().commitTransaction(tx, new TransactionChanges(
                List.of(new NewPackage(name, "1.0", "amd64", "/debs/" + name + ".deb", "sha-" + name, stanza, List.of(),
                        false, Optional.empty())),
                List.of(), List.of(new StatusRecord(name, "amd64", Optional.of(stanza))), List.of()));
    }

    @Test
    void forRun_nothingChanged_sameLayerAndNothingWrittenAgain() throws Exception {
        Path first = forRun();
        Path current = layout.currentStateFile();
        Files.setLastModifiedTime(current, FileTime.fromMillis(0));

        assertEquals(first, forRun());
        assertEquals(FileTime.fromMillis(0), Files.getLastModifiedTime(current), "the state was built again");
    }

    @Test
    void forRun_afterACommit_hasTheNewPackage() throws Exception {
        Path before = forRun();
        install("figlet", "");

        Path after = forRun();

        assertNotEquals(before, after);
        assertTrue(status(after).contains("Package: figlet"), status(after));
    }

    @Test
    void forRun_afterTheHostChanged_hasTheHostsNewPackage() throws Exception {
        Path before = forRun();
        Files.writeString(host.resolve(MergedState.STATUS), HOST_STATUS
                + "\nPackage: zlib1g\nStatus: install ok installed\nArchitecture: amd64\nVersion: 1.2\n");

        Path after = forRun();

        assertNotEquals(before, after);
        assertTrue(status(after).contains("Package: zlib1g"), status(after));
    }

    @Test
    void forRun_sameSizeRewriteOfTheHostFile_isSeen() throws Exception {
        forRun();
        // apt or dpkg replaces the file by rename: a new inode, even with the same size and time
        Path status = host.resolve(MergedState.STATUS);
        FileTime time = Files.getLastModifiedTime(status);
        Path replacement = host.resolve("var/lib/dpkg/status-new");
        Files.writeString(replacement, HOST_STATUS.replace("2.36", "2.37"));
        Files.setLastModifiedTime(replacement, time);
        Files.move(replacement, status, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertTrue(status(forRun()).contains("Version: 2.37"));
    }

    @Test
    void forRun_notesComeEveryTime_whileTheStateIsTheSame() {
        install("figlet", "libgone1");

        forRun();
        forRun();

        assertEquals(2, notes.size(), notes.toString());
        assertTrue(notes.get(0).contains("figlet needs") || notes.get(0).contains("lacks what figlet needs"), notes.get(0));
        assertEquals(notes.get(0), notes.get(1));
    }

    @Test
    void refresh_writesWhatTheNextRunUses_andPrunesTheRest() throws Exception {
        Path old = forRun();
        install("figlet", "");

        StateLayers.refresh(workspace, env, layout);
        Files.setLastModifiedTime(layout.currentStateFile(), FileTime.fromMillis(0));
        Path next = forRun();

        assertEquals(FileTime.fromMillis(0), Files.getLastModifiedTime(layout.currentStateFile()), "the run built the state again");
        assertTrue(status(next).contains("Package: figlet"));
        assertTrue(Files.notExists(old), "the old state directory is left");
    }

    @Test
    void knownWhole_onlyForTheRememberedStateWithNothingBroken() throws Exception {
        install("figlet", "");
        forRun();
        assertTrue(StateLayers.knownWhole(workspace, env, layout, workspace.mergedState(env)));

        Files.writeString(host.resolve(MergedState.STATUS), HOST_STATUS.replace("2.36", "2.37"));
        assertFalse(StateLayers.knownWhole(workspace, env, layout, workspace.mergedState(env)), "after a host change");

        install("cowsay", "libgone1");
        forRun();
        assertFalse(StateLayers.knownWhole(workspace, env, layout, workspace.mergedState(env)), "with cowsay broken");
    }

    @Test
    void refresh_afterAChangeOfAWholeEnvironment_takesItAsWhole() {
        install("figlet", "");
        MergedState before = workspace.mergedState(env);
        install("cowsay", "");

        StateLayers.refresh(workspace, env, layout, before, false);

        assertTrue(StateLayers.knownWhole(workspace, env, layout, workspace.mergedState(env)));
        forRun();
        assertEquals(List.of(), notes);
    }

    @Test
    void forRun_damagedCurrentFile_buildsAgain() throws Exception {
        Path first = forRun();
        Files.writeString(layout.currentStateFile(), "trydeb-state 1\nhost x records 0:0\n../../escape\n");

        assertEquals(first, forRun());
    }
}
