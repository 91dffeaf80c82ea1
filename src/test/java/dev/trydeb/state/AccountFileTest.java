package dev.trydeb.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccountFileTest {
    private static final String HOST_PASSWD = """
            root:x:0:0:root:/root:/bin/bash
            daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
            alice:x:1000:1000:Alice,,,:/home/alice:/bin/bash
            """;
    private static final String HOST_GROUP = """
            root:x:0:
            adm:x:4:alice
            audio:x:29:
            alice:x:1000:
            """;

    @Test
    void parse_passwd_linesByNameInFileOrder() {
        Map<String, String> accounts = AccountFile.parse(HOST_PASSWD);

        assertEquals(List.of("root", "daemon", "alice"), new ArrayList<>(accounts.keySet()));
        assertEquals("alice:x:1000:1000:Alice,,,:/home/alice:/bin/bash", accounts.get("alice"));
    }

    @Test
    void parse_commentsBlankAndColonlessLines_areSkipped() {
        Map<String, String> accounts = AccountFile.parse("# generated\n\nroot:x:0:0:root:/root:/bin/bash\n"
                + "garbage\n:x:5:5::/:/bin/sh\n#bob:x:1:1::/:/bin/sh\n");

        assertEquals(List.of("root"), new ArrayList<>(accounts.keySet()));
    }

    @Test
    void parse_sameNameTwice_firstLineWinsAsGetpwnamDoes() {
        Map<String, String> accounts = AccountFile.parse("bob:x:1001:1001::/home/bob:/bin/sh\n"
                + "bob:x:2002:2002::/srv/bob:/bin/false\n");

        assertEquals(Map.of("bob", "bob:x:1001:1001::/home/bob:/bin/sh"), accounts);
    }

    @Test
    void parse_empty_isEmpty() {
        assertEquals(Map.of(), AccountFile.parse(""));
    }

    @Test
    void format_parsedFile_isTheSameText() {
        assertEquals(HOST_PASSWD, AccountFile.format(AccountFile.parse(HOST_PASSWD)));
        assertEquals(HOST_GROUP, AccountFile.format(AccountFile.parse(HOST_GROUP)));
    }

    @Test
    void format_lastLineWithoutNewline_gainsOne() {
        assertEquals("a:x:1:\n", AccountFile.format(AccountFile.parse("a:x:1:")));
    }

    @Test
    void merge_accountOnlyInEnvironment_isAddedAfterTheHosts() {
        Map<String, String> env = Map.of("postgres", "postgres:x:107:113:PostgreSQL administrator,,,:"
                + "/var/lib/postgresql:/bin/bash");

        Map<String, String> merged = AccountFile.merge("passwd", AccountFile.parse(HOST_PASSWD), env);

        assertEquals(List.of("root", "daemon", "alice", "postgres"), new ArrayList<>(merged.keySet()));
        assertEquals(env.get("postgres"), merged.get("postgres"));
    }

    @Test
    void merge_userBothHave_hostLineWins() {
        Map<String, String> env = Map.of("alice", "alice:x:1000:1000:Alice,,,:/home/alice:/bin/zsh",
                "daemon", "daemon:x:1:1:changed:/nonexistent:/bin/sh");

        Map<String, String> merged = AccountFile.merge("passwd", AccountFile.parse(HOST_PASSWD), env);

        assertEquals(AccountFile.parse(HOST_PASSWD), merged);
    }

    @Test
    void merge_groupBothHave_hostLineGainsEnvironmentsMembers() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("audio", "audio:x:29:pulse");
        env.put("adm", "adm:x:4:alice,syslog");

        Map<String, String> merged = AccountFile.merge("group", AccountFile.parse(HOST_GROUP), env);

        assertEquals("audio:x:29:pulse", merged.get("audio"));
        assertEquals("adm:x:4:alice,syslog", merged.get("adm"), "a member both list appears once");
        assertEquals(List.of("root", "adm", "audio", "alice"), new ArrayList<>(merged.keySet()));
    }

    @Test
    void merge_groupBothHaveWithOtherGidAndPassword_keepsHostFieldsAndMergesMembers() {
        Map<String, String> merged = AccountFile.merge("group", Map.of("video", "video:x:44:alice"),
                Map.of("video", "video:!:4444:bob, carol"));

        assertEquals("video:x:44:alice,bob,carol", merged.get("video"), "members are trimmed");
    }

    @Test
    void merge_groupHostMembersNotInEnvironmentLine_areKept() {
        Map<String, String> merged = AccountFile.merge("group", Map.of("adm", "adm:x:4:alice,bob"),
                Map.of("adm", "adm:x:4:"));

        assertEquals("adm:x:4:alice,bob", merged.get("adm"));
    }

    @Test
    void merge_groupLineWithWrongFieldCount_hostLineUnchanged() {
        Map<String, String> merged = AccountFile.merge("group", Map.of("odd", "odd:x:9"),
                Map.of("odd", "odd:x:9:bob"));

        assertEquals("odd:x:9", merged.get("odd"));
    }

    @Test
    void merge_groupOnlyInEnvironment_isAddedAsItIs() {
        Map<String, String> merged = AccountFile.merge("group", AccountFile.parse(HOST_GROUP),
                Map.of("postgres", "postgres:x:113:"));

        assertEquals("postgres:x:113:", merged.get("postgres"));
        assertEquals(5, merged.size());
    }

    @Test
    void merge_noEnvironmentAccounts_isTheHosts() {
        Map<String, String> host = AccountFile.parse(HOST_GROUP);

        assertEquals(host, AccountFile.merge("group", host, Map.of()));
    }

    @Test
    void merge_doesNotChangeItsArguments() {
        Map<String, String> host = AccountFile.parse(HOST_GROUP);
        Map<String, String> env = Map.of("audio", "audio:x:29:pulse", "new", "new:x:200:");

        AccountFile.merge("group", host, env);

        assertEquals(AccountFile.parse(HOST_GROUP), host);
    }

    @Test
    void shadowFor_passwd_everyUserLockedWithoutSecrets() {
        String shadow = AccountFile.shadowFor("passwd", AccountFile.parse(HOST_PASSWD));

        assertEquals("root:*:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\nalice:*:19000:0:99999:7:::\n", shadow);
    }

    @Test
    void shadowFor_group_everyGroupLockedWithItsMembers() {
        String gshadow = AccountFile.shadowFor("group", AccountFile.parse(HOST_GROUP + "odd:x:9\n"));

        assertEquals("root:*::\nadm:*::alice\naudio:*::\nalice:*::\nodd:*::\n", gshadow);
    }

    @Test
    void shadowFor_shadowLinesHaveShadowsFieldCounts() {
        for (String line : AccountFile.shadowFor("passwd", AccountFile.parse(HOST_PASSWD)).split("\n")) {
            assertEquals(9, line.split(":", -1).length, line);
        }
        for (String line : AccountFile.shadowFor("group", AccountFile.parse(HOST_GROUP)).split("\n")) {
            assertEquals(4, line.split(":", -1).length, line);
        }
    }

    @Test
    void shadowFor_noAccounts_isEmpty() {
        assertEquals("", AccountFile.shadowFor("passwd", Map.of()));
        assertEquals("", AccountFile.shadowFor("group", Map.of()));
    }
}
