package dev.trydeb.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trydeb.core.GuestPath;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuspiciousRulesTest {
    static final int FILE = 0100644;
    static final int DIRECTORY = 0040755;

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "/etc/apt/sources.list, apt source",
        "/etc/apt/sources.list.d/evil.list, apt source",
        "/etc/apt/sources.list.d/evil.sources, apt source",
        "/etc/apt/trusted.gpg, apt signing key",
        "/etc/apt/trusted.gpg.d/evil.gpg, apt signing key",
        "/usr/share/keyrings/evil-archive-keyring.gpg, apt signing key",
        "/etc/apt/keyrings/evil.asc, apt signing key",
        "/etc/apt/apt.conf, apt configuration",
        "/etc/apt/apt.conf.d/99evil, apt configuration",
        "/etc/apt/auth.conf.d/evil.conf, apt configuration",
        "/etc/apt/preferences, apt pinning",
        "/etc/apt/preferences.d/evil.pref, apt pinning",
        "/etc/systemd/system/evil.service, systemd unit",
        "/etc/systemd/system/multi-user.target.wants/evil.service, systemd unit",
        "/lib/systemd/system/evil.socket, systemd unit",
        "/usr/lib/systemd/system/evil.service, systemd unit",
        "/etc/systemd/user/evil.service, systemd unit",
        "/usr/lib/systemd/user/evil.service, systemd unit",
        "/etc/systemd/system/evil.timer, systemd timer",
        "/lib/systemd/system/evil.timer, systemd timer",
        "/usr/lib/systemd/system/evil.timer, systemd timer",
        "/etc/systemd/user/evil.timer, systemd timer",
        "/usr/lib/systemd/user/evil.timer, systemd timer",
        "/etc/cron.d/evil, cron job",
        "/etc/cron.hourly/evil, cron job",
        "/etc/cron.daily/evil, cron job",
        "/etc/cron.weekly/evil, cron job",
        "/etc/cron.monthly/evil, cron job",
        "/etc/crontab, cron job",
        "/var/spool/cron/crontabs/root, cron job",
        "/etc/udev/rules.d/99-evil.rules, udev rule",
        "/lib/udev/rules.d/99-evil.rules, udev rule",
        "/usr/lib/udev/rules.d/99-evil.rules, udev rule",
        "/etc/sudoers, sudoers",
        "/etc/sudoers.d/evil, sudoers",
        "/etc/pam.d/common-auth, PAM configuration",
        "/etc/security/limits.conf, PAM configuration",
        "/etc/ld.so.preload, library preload",
        "/etc/profile, shell profile script",
        "/etc/profile.d/evil.sh, shell profile script",
        "/etc/bash.bashrc, shell profile script",
        "/etc/environment, shell profile script",
        "/etc/zsh/zshrc, shell profile script",
        "/etc/passwd, users or groups changed",
        "/etc/group, users or groups changed",
        "/etc/shadow, users or groups changed",
        "/etc/gshadow, users or groups changed",
        "/lib/modules/6.1.0/extra/evil.ko, kernel module",
        "/usr/lib/modules/6.1.0/extra/evil.ko, kernel module",
        "/etc/modules-load.d/evil.conf, kernel module",
        "/etc/modprobe.d/evil.conf, kernel module",
        "/home/alice/.bashrc, file in a user's home",
        "/root/.ssh/authorized_keys, file in a user's home",
        "/etc/xdg/autostart/evil.desktop, autostart entry",
    })
    void reason_addedFileAtRulePath_givesItsReason(String path, String reason) {
        assertEquals(Optional.of(reason), SuspiciousRules.reason(GuestPath.of(path), ChangeKind.ADDED, FILE));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "/etc/apt/sources.list.d/x.list, apt source removed",
        "/etc/cron.d/x, cron job removed",
        "/etc/systemd/system/x.timer, systemd timer removed",
        "/etc/passwd, user or group database removed",
    })
    void reason_deletedRulePath_saysRemoved(String path, String reason) {
        assertEquals(Optional.of(reason), SuspiciousRules.reason(GuestPath.of(path), ChangeKind.DELETED, -1));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "ADDED, 0104755, setuid file",
        "MODIFIED, 0102755, setgid file",
        "METADATA_ONLY, 0106755, setuid file; setgid file",
        "DIRECTORY_REPLACED_BY_FILE, 0104755, setuid file",
        "ADDED, 04755, setuid file",
    })
    void reason_setuidOrSetgidNonDirectory_flagged(ChangeKind kind, String octalMode, String reason) {
        int mode = Integer.parseInt(octalMode, 8);
        assertEquals(Optional.of(reason), SuspiciousRules.reason(GuestPath.of("/usr/bin/tool"), kind, mode));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "NEW_DIRECTORY, 042775",
        "METADATA_ONLY, 042775",
        "NEW_DIRECTORY, 02775",
        "ADDED, 0100755",
        "DELETED, -1",
    })
    void reason_setgidDirectoryOrPlainFile_notFlagged(ChangeKind kind, String octalMode) {
        int mode = Integer.parseInt(octalMode, 8);
        assertEquals(Optional.empty(), SuspiciousRules.reason(GuestPath.of("/var/mail"), kind, mode));
    }

    @Test
    void reason_ruleDirectoryItself_notFlagged() {
        assertEquals(Optional.empty(),
                SuspiciousRules.reason(GuestPath.of("/etc/sudoers.d"), ChangeKind.NEW_DIRECTORY, DIRECTORY));
    }

    @Test
    void reason_siblingWithSamePrefix_notFlagged() {
        assertEquals(Optional.empty(),
                SuspiciousRules.reason(GuestPath.of("/etc/cron.daily-backup"), ChangeKind.ADDED, FILE));
    }

    @Test
    void reason_setuidFileInHome_givesBothReasons() {
        assertEquals(Optional.of("setuid file; file in a user's home"),
                SuspiciousRules.reason(GuestPath.of("/home/alice/sh"), ChangeKind.ADDED, 0104755));
    }
}
