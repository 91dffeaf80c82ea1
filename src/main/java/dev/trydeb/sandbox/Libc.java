package dev.trydeb.sandbox;

import com.sun.jna.Library;
import com.sun.jna.Native;

/** The few libc calls Java lacks. */
interface Libc extends Library {
    int CLOSE_RANGE_CLOEXEC = 1 << 2;

    Libc INSTANCE = Native.load("c", Libc.class);

    int execve(String path, String[] argv, String[] envp);

    int close_range(int first, int last, int flags);
}
