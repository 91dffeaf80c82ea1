package dev.trydeb.sandbox;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/** The few libc calls Java lacks. */
interface Libc extends Library {
    int CLOSE_RANGE_CLOEXEC = 1 << 2;
    int O_RDONLY = 0;
    int O_CLOEXEC = 02000000;
    int F_SETFD = 2;
    int F_OFD_SETLK = 37;
    /** sizeof(struct flock) on 64-bit Linux; all zero is F_RDLCK from SEEK_SET over the whole file. */
    int FLOCK_SIZE = 32;

    Libc INSTANCE = Native.load("c", Libc.class);

    int execve(String path, String[] argv, String[] envp);

    int close_range(int first, int last, int flags);

    int open(String path, int flags);

    int fcntl(int fd, int command, int argument);

    int fcntl(int fd, int command, Pointer argument);

    String strerror(int errno);
}
