package dev.trydeb.core;

import com.sun.security.auth.module.UnixSystem;
import java.nio.file.Path;

/** The user trydeb runs as: programs in the sandbox run as this uid, with this home. */
public record HostUser(String name, long uid, long gid, Path home) {
    public static HostUser current() {
        UnixSystem unix = new UnixSystem();
        return new HostUser(unix.getUsername(), unix.getUid(), unix.getGid(), Path.of(System.getProperty("user.home")));
    }
}
