package dev.trydeb.state;

import static dev.trydeb.state.MergedStateTest.HOST_GROUP;
import static dev.trydeb.state.MergedStateTest.HOST_PASSWD;
import static dev.trydeb.state.MergedStateTest.HOST_STATUS;
import static dev.trydeb.state.MergedStateTest.installed;
import static dev.trydeb.state.MergedStateTest.stanza;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trydeb.store.AccountRecord;
import dev.trydeb.store.StatusRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a transaction's upper layer changed against the merged state it started from. */
class StateChangesTest {
    @TempDir
    Path tmp;
    Path host;
    Path upper;
    MergedState before;

    @BeforeEach
    void fakeHostAndUpper() throws IOException {
        host = tmp.resolve("host");
        upper = Files.createDirectories(tmp.resolve("layer/upper"));
        Files.createDirectories(host.resolve("var/lib/dpkg"));
        Files.createDirectories(host.resolve("etc"));
        Files.writeString(host.resolve(MergedState.STATUS), HOST_STATUS, StatusFile.CHARSET);
        Files.writeString(host.resolve("etc/passwd"), HOST_PASSWD);
        Files.writeString(host.resolve("etc/group"), HOST_GROUP);
        before = MergedState.build(host, List.of(), List.of());
    }

    private void leave(String file, String content) throws IOException {
        Path path = upper.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, content, StatusFile.CHARSET);
    }

    private StateChanges changes() {
        return StateChanges.between(before, upper);
    }

    /** The status as dpkg leaves it: the merged state's stanzas with these replaced, added or removed. */
    private String statusWith(Map<String, Optional<String>> changed) {
        Map<String, String> stanzas = StatusFile.parse(before.status());
        changed.forEach((key, stanza) -> {
            if (stanza.isPresent()) {
                stanzas.put(key, stanza.get());
            } else {
                stanzas.remove(key);
            }
        });
        return StatusFile.format(stanzas);
    }

    @Test
    void between_upperWithoutStateFiles_recordsNothing() throws IOException {
        leave("usr/bin/hello", "#!/bin/sh\n");

        assertEquals(new StateChanges(List.of(), List.of()), changes());
    }

    @Test
    void between_statusAndAccountsLeftUnchanged_recordsNothing() throws IOException {
        leave(MergedState.STATUS, before.status());
        leave("etc/passwd", before.accounts("passwd"));
        leave("etc/group", before.accounts("group"));

        assertEquals(new StateChanges(List.of(), List.of()), changes());
    }

    @Test
    void between_statusOnlyReformatted_recordsNothing() throws IOException {
        leave(MergedState.STATUS, "\n" + before.status().replace("\n\n", "\n\n\n") + "\n");

        assertEquals(List.of(), changes().status());
    }

    @Test
    void between_changedStanza_recordsTheNewStanza() throws IOException {
        String upgraded = stanza("jq", "amd64", "1.7.1-3", "install ok installed");
        leave(MergedState.STATUS, statusWith(Map.of("jq:amd64", Optional.of(upgraded))));

        assertEquals(List.of(new StatusRecord("jq", "amd64", Optional.of(upgraded))), changes().status());
    }

    @Test
    void between_statusFieldChangedOnly_recordsTheStanza() throws IOException {
        String stanza = StatusFile.parse(HOST_STATUS).get("jq:amd64");
        String halfConfigured = stanza.replace("install ok installed", "install ok half-configured");
        leave(MergedState.STATUS, statusWith(Map.of("jq:amd64", Optional.of(halfConfigured))));

        assertEquals(List.of(new StatusRecord("jq", "amd64", Optional.of(halfConfigured))), changes().status());
    }

    @Test
    void between_addedStanza_recordsIt() throws IOException {
        String cowsay = stanza("cowsay", "all", "3.03+dfsg2-8", "install ok installed");
        leave(MergedState.STATUS, statusWith(Map.of("cowsay:all", Optional.of(cowsay))));

        assertEquals(List.of(new StatusRecord("cowsay", "all", Optional.of(cowsay))), changes().status());
    }

    @Test
    void between_removedStanza_recordsAnEmptyStanza() throws IOException {
        leave(MergedState.STATUS, statusWith(Map.of("oldconf:amd64", Optional.empty())));

        assertEquals(List.of(new StatusRecord("oldconf", "amd64", Optional.empty())), changes().status());
    }

    @Test
    void between_changedAddedAndRemoved_changedAndAddedInFileOrderThenRemoved() throws IOException {
        String jq = stanza("jq", "amd64", "1.7.1-3", "install ok installed");
        String cowsay = stanza("cowsay", "all", "3.03", "install ok installed");
        String i386 = stanza("libcap2", "i386", "1:2.66-4", "install ok installed");
        LinkedHashMap<String, Optional<String>> changed = new LinkedHashMap<>();
        changed.put("base-files:amd64", Optional.empty());
        changed.put("jq:amd64", Optional.of(jq));
        changed.put("cowsay:all", Optional.of(cowsay));
        changed.put("libcap2:i386", Optional.of(i386));
        changed.put("oldconf:amd64", Optional.empty());
        leave(MergedState.STATUS, statusWith(changed));

        assertEquals(List.of(
                new StatusRecord("jq", "amd64", Optional.of(jq)),
                new StatusRecord("cowsay", "all", Optional.of(cowsay)),
                new StatusRecord("libcap2", "i386", Optional.of(i386)),
                new StatusRecord("base-files", "amd64", Optional.empty()),
                new StatusRecord("oldconf", "amd64", Optional.empty())), changes().status());
    }

    @Test
    void between_packageTheEnvironmentHadRemovedAgain_recordsAnEmptyStanza() throws IOException {
        before = MergedState.build(host, List.of(installed("cowsay", "all", "3.03")), List.of());
        leave(MergedState.STATUS, HOST_STATUS);

        assertEquals(List.of(new StatusRecord("cowsay", "all", Optional.empty())), changes().status());
    }

    @Test
    void between_stanzaWithoutArchitecture_recordsEmptyArchitecture() throws IOException {
        String odd = "Package: odd\nStatus: install ok installed\nVersion: 1";
        leave(MergedState.STATUS, before.status() + odd + "\n\n");

        assertEquals(List.of(new StatusRecord("odd", "", Optional.of(odd))), changes().status());
    }

    @Test
    void between_statusOnly_recordsNoAccounts() throws IOException {
        leave(MergedState.STATUS, statusWith(Map.of("oldconf:amd64", Optional.empty())));

        assertEquals(List.of(), changes().accounts());
    }

    @Test
    void between_accountAdded_recordsItsLine() throws IOException {
        String postgres = "postgres:x:107:113:PostgreSQL administrator,,,:/var/lib/postgresql:/bin/bash";
        leave("etc/passwd", before.accounts("passwd") + postgres + "\n");
        leave("etc/group", before.accounts("group") + "postgres:x:113:\nssl-cert:x:114:postgres\n");

        assertEquals(List.of(
                new AccountRecord("passwd", "postgres", postgres),
                new AccountRecord("group", "postgres", "postgres:x:113:"),
                new AccountRecord("group", "ssl-cert", "ssl-cert:x:114:postgres")),
                changes().accounts().stream()
                        .sorted(Comparator.comparing(AccountRecord::file).reversed()).toList());
    }

    @Test
    void between_accountLineChanged_recordsTheNewLine() throws IOException {
        leave("etc/group", before.accounts("group").replace("adm:x:4:alice", "adm:x:4:alice,postgres"));
        leave("etc/passwd", before.accounts("passwd").replace("/home/alice:/bin/bash", "/home/alice:/bin/zsh"));

        assertEquals(List.of(
                new AccountRecord("group", "adm", "adm:x:4:alice,postgres"),
                new AccountRecord("passwd", "alice", "alice:x:1000:1000::/home/alice:/bin/zsh")),
                changes().accounts().stream().sorted(Comparator.comparing(AccountRecord::file)).toList());
    }

    @Test
    void between_groupFileOnly_recordsOnlyGroupLines() throws IOException {
        leave("etc/group", before.accounts("group") + "docker:x:999:\n");

        assertEquals(List.of(new AccountRecord("group", "docker", "docker:x:999:")), changes().accounts());
    }

    @Test
    void between_accountDeleted_recordsNothingForIt() throws IOException {
        // Records are of lines added or changed; a deleted account has no line to record.
        leave("etc/passwd", "root:x:0:0:root:/root:/bin/bash\n");

        assertEquals(List.of(), changes().accounts());
    }

    @Test
    void between_accountsInOtherOrder_recordsNothing() throws IOException {
        leave("etc/group", "alice:x:1000:\nadm:x:4:alice\nroot:x:0:\n");

        assertEquals(List.of(), changes().accounts());
    }

    @Test
    void between_comparesWithTheMergedAccountsNotTheHosts() throws IOException {
        AccountRecord bob = new AccountRecord("passwd", "bob", "bob:x:1001:1001::/home/bob:/bin/sh");
        before = MergedState.build(host, List.of(), List.of(bob));
        leave("etc/passwd", before.accounts("passwd"));

        assertEquals(List.of(), changes().accounts(), "bob was already the environment's");
    }
}
