package dev.trydeb.sandbox;

import dev.trydeb.core.TrydebException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Checks, before anything changes, that the kernel lets this user create namespaces. */
public final class UserNamespaces {
    private UserNamespaces() {}

    public static void requireAvailable() {
        requireAvailable(Path.of("/proc/sys"));
    }

    static void requireAvailable(Path procSys) {
        if (read(procSys.resolve("kernel/unprivileged_userns_clone")).filter("0"::equals).isPresent()) {
            throw unusable("unprivileged user namespaces are disabled (sysctl kernel.unprivileged_userns_clone=0); "
                    + "ask your administrator to set it to 1");
        }
        if (read(procSys.resolve("user/max_user_namespaces")).filter("0"::equals).isPresent()) {
            throw unusable("user namespaces are disabled (sysctl user.max_user_namespaces=0); "
                    + "ask your administrator to raise it");
        }
        // Ubuntu's AppArmor restriction is checked by the helper itself when it is refused:
        // a profile for trydeb-sandbox may allow it even where the sysctl is 1.
    }

    private static TrydebException unusable(String message) {
        return TrydebException.hostSetup(message);
    }

    private static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file).trim());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
